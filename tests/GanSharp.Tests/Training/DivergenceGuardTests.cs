using GanSharp.Data;
using GanSharp.Objectives;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

public sealed class DivergenceGuardTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void NaNLoss_StopsRunWithoutWeights()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with
        {
            Training = defaults.Training with { Steps = 200, LearningRateG = 1e10, LearningRateD = 1e10 },
            EvaluationInterval = 0,
        };
        var output = Path.Combine(directory.Path, "run");

        var exception = Assert.Throws<TrainingDivergedException>(() => new TrainingRun(configuration, output).Execute());

        Assert.InRange(exception.Step, 1, 199);
        Assert.Contains($"step {exception.Step}", exception.Message);
        Assert.Contains("NaN", exception.Message);
        Assert.False(File.Exists(Path.Combine(output, TrainingRun.GeneratorFileName)));
        Assert.False(File.Exists(Path.Combine(output, TrainingRun.DiscriminatorFileName)));

        var lastRow = File.ReadAllLines(Path.Combine(output, TrainingRun.MetricsFileName))[^1];
        Assert.StartsWith($"{exception.Step},", lastRow);
    }

    [Fact]
    public void NaNParameter_StopsBeforeCheckpoint()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with
        {
            Training = defaults.Training with { Steps = 40 },
            EvaluationInterval = 0,
            CheckpointInterval = 10,
        };
        var output = Path.Combine(directory.Path, "run");
        string? poisonedName = null;
        var run = new TrainingRun(configuration, output)
        {
            // Step 20 is both a log row and a checkpoint step, so the bad state would be saved without the check.
            AfterIteration = trainer =>
            {
                if (trainer.Step == 20)
                {
                    poisonedName = Poison(trainer.Discriminator, float.NaN);
                }
            },
        };

        var exception = Assert.Throws<TrainingDivergedException>(() => run.Execute());

        Assert.Equal(20, exception.Step);
        Assert.Contains("step 20", exception.Message);
        Assert.Equal("net.0.weight", poisonedName);
        Assert.Contains("discriminator parameter net.0.weight has NaN", exception.Message);
        Assert.False(File.Exists(Path.Combine(output, TrainingRun.GeneratorFileName)));
        Assert.False(File.Exists(Path.Combine(output, TrainingRun.DiscriminatorFileName)));

        var store = new CheckpointStore(output, configuration.KeepCheckpoints, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Equal([10], store.List().Select(checkpoint => checkpoint.Step));
        Assert.Null(CheckpointStore.Verify(store.PathOf(10)));
    }

    [Fact]
    public void NaNBetweenLogRows_StopsAtNextRow()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with
        {
            Training = defaults.Training with { Steps = 40 },
            EvaluationInterval = 0,
            LogInterval = 10,
        };
        var output = Path.Combine(directory.Path, "run");
        var run = new TrainingRun(configuration, output)
        {
            // Step 15 is no log row, so nothing reads the statistics or the parameters until step 20.
            AfterIteration = trainer =>
            {
                if (trainer.Step == 15)
                {
                    Poison(trainer.Generator, float.NaN);
                }
            },
        };

        var exception = Assert.Throws<TrainingDivergedException>(() => run.Execute());

        Assert.Equal(20, exception.Step);
        Assert.Contains("Training diverged at step 20: loss_D is NaN", exception.Message);
        var lines = File.ReadAllLines(Path.Combine(output, TrainingRun.MetricsFileName));
        Assert.StartsWith("10,", lines[^2]);
        Assert.StartsWith("20,", lines[^1]);
    }

    [Fact]
    public void FindNonFiniteParameter_NamesNetworkAndParameter()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var data = DataSourceFactory.Create(defaults.Data, defaults.Model.Design);
        using var trainer = new GanTrainer(data, defaults.Model, defaults.Training);

        Assert.Null(trainer.FindNonFiniteParameter());

        var name = Poison(trainer.Generator, float.PositiveInfinity);
        var found = trainer.FindNonFiniteParameter();

        Assert.Equal(new NonFiniteParameter("generator", name, "an infinite value"), found);
        Assert.Equal($"generator parameter {name} has an infinite value", found.ToString());
    }

    [Fact]
    public void DiscriminatorWin_LogsOneWarning()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        var configuration = defaults with
        {
            // A fast discriminator against an almost frozen generator drives mean D(G(z)) below 0.01 within
            // about 25 steps on this seed.
            Training = defaults.Training with
            {
                Steps = 100, Objective = GeneratorObjective.Minimax, LearningRateG = 1e-6, LearningRateD = 1e-2,
            },
            LogInterval = 5,
            EvaluationInterval = 0,
        };
        var logger = new RecordingLogger();

        var summary = new TrainingRun(configuration, Path.Combine(directory.Path, "run"), logger).Execute();

        Assert.True(summary.Completed);
        Assert.True(summary.Last.DFake < TrainingRun.DiscriminatorWinThreshold);
        var warning = Assert.Single(logger.Warnings);
        Assert.StartsWith("The discriminator has won at step ", warning);
        Assert.Contains($"at {TrainingRun.DiscriminatorWinRows} log rows in a row", warning);
        Assert.Contains("--objective non-saturating", warning);
    }

    [Fact]
    public void DiscriminatorWinTracker_WarnsOncePerEpisode()
    {
        var logger = new RecordingLogger();
        var tracker = new DiscriminatorWinTracker(logger, GeneratorObjective.NonSaturating);
        var step = 0;
        void Observe(double dFake, int rows)
        {
            for (var row = 0; row < rows; row++)
            {
                step += 10;
                tracker.Observe(new StepStatistics(step, 1, 1, 0.99, dFake, -1));
            }
        }

        Observe(0.005, TrainingRun.DiscriminatorWinRows - 1);
        Assert.Empty(logger.Warnings);

        Observe(0.005, 1);
        var first = Assert.Single(logger.Warnings);
        Assert.Contains($"at step {step}:", first);
        Assert.Contains("mean D(G(z)) is 0.005", first);
        Assert.DoesNotContain("--objective", first);

        Observe(0.001, 10);
        Assert.Single(logger.Warnings);

        Observe(0.2, 1);
        Observe(0.005, TrainingRun.DiscriminatorWinRows);
        Assert.Equal(2, logger.Warnings.Count);
        Assert.Contains($"at step {step}:", logger.Warnings[1]);
    }

    /// <summary>Sets the first element of the module's first parameter and returns that parameter's name.</summary>
    private static string Poison(nn.Module module, float value)
    {
        var (name, parameter) = module.named_parameters().First();
        using (no_grad())
        {
            parameter.view(-1)[0] = value;
        }

        return name;
    }
}
