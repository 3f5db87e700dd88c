using GanSharp.Reporting;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

[Collection(SerialTorchRandom.Name)]
public sealed class TrainingRunTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Gaussian1D_LearnsMeanAndDeviation()
    {
        // The default point settings: 3000 steps of Adam on minibatches of 256 with an 8-64-64-1 generator.
        var configuration = RunConfiguration.CreateDefault("gaussian1d");
        var data = GanSharp.Data.DataSourceFactory.Create(configuration.Data, configuration.Model.Design);
        using var trainer = new GanTrainer(data, configuration.Model, configuration.Training, fixedNoiseCount: 1);
        while (trainer.Step < configuration.Training.Steps)
        {
            trainer.TrainIteration();
        }

        using var scope = NewDisposeScope();
        var samples = trainer.Generate(trainer.SampleNoise(10_000)).to_type(float64);
        var mean = samples.mean().item<double>();
        var deviation = samples.std().item<double>();

        // NOTE: seed 1 ends near mean 2.985 and deviation 0.452 on x86-64 CPU (libtorch 2.10 in TorchSharp 0.107.0),
        // inside the bounds but not by much. Seed 2 ends at deviation 0.418, so another seed or libtorch build may fail here.
        Assert.InRange(mean, 2.9, 3.1);
        Assert.InRange(deviation, 0.4, 0.6);
    }

    [Fact]
    public void Execute_SameSeedGivesSameMetrics()
    {
        var first = RunMetrics("first", seed: 11);
        var second = RunMetrics("second", seed: 11);

        // A header and one row per 10 steps. The theory metrics at steps 100 and 200 must repeat as well.
        Assert.Equal(MetricsLog.Header + ",jsd,c_of_g,d_star_error", first[0]);
        Assert.Equal(21, first.Length);
        Assert.Equal(WithoutSeconds(first), WithoutSeconds(second));
    }

    [Fact]
    public void Execute_OtherSeedGivesOtherMetrics()
    {
        var first = RunMetrics("first", seed: 11);
        var other = RunMetrics("other", seed: 12);

        Assert.Equal(first.Length, other.Length);
        Assert.NotEqual(WithoutSeconds(first).Skip(1), WithoutSeconds(other).Skip(1));
    }

    // A folder created where a run file goes makes its write fail with an IOException, as a full disk does.
    [Theory]
    [InlineData("samples/step-000020.png", 20)]
    [InlineData(TrainingRun.MetricsFileName, 20)]
    [InlineData(TrainingRun.GeneratorFileName, 30)]
    public void WriteFailure_AdvisesResume(string blockedFile, int blockedAtStep)
    {
        var folder = directory.File("run");
        var run = new TrainingRun(WriteFailureConfiguration(), folder)
        {
            AfterIteration = trainer => BlockAtStep(trainer, blockedAtStep, Path.Combine(folder, blockedFile)),
        };

        var exception = Assert.Throws<IOException>(() => run.Execute());

        Assert.StartsWith($"Failed to write {Path.Combine(folder, blockedFile)}: ", exception.Message);
        Assert.EndsWith($"Free disk space, then run gansharp train --resume {folder} to continue from the last checkpoint.", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void WriteFailure_BeforeCheckpointAdvisesNewRun()
    {
        var folder = directory.File("run");
        var blocked = Path.Combine(folder, TrainingRun.MetricsFileName);
        var configuration = WriteFailureConfiguration() with { CheckpointInterval = 1000 };
        var run = new TrainingRun(configuration, folder) { AfterIteration = trainer => BlockAtStep(trainer, 20, blocked) };

        var exception = Assert.Throws<IOException>(() => run.Execute());

        Assert.StartsWith($"Failed to write {blocked}: ", exception.Message);
        Assert.EndsWith($"Free disk space, then delete {folder} and train again, because it has no checkpoint to resume from.", exception.Message);
    }

    /// <summary>30 steps of ring8 with samples and metrics.csv written every 20 steps and a checkpoint every 10.</summary>
    private static RunConfiguration WriteFailureConfiguration()
    {
        var defaults = RunConfiguration.CreateDefault("ring8");
        return defaults with
        {
            Training = defaults.Training with { Steps = 30, BatchSize = 32 },
            SampleInterval = 20,
            SampleCount = 50,
            EvaluationInterval = 0,
            CheckpointInterval = 10,
        };
    }

    private static void BlockAtStep(GanTrainer trainer, int step, string path)
    {
        if (trainer.Step == step)
        {
            Directory.CreateDirectory(path);
        }
    }

    /// <summary>Trains 200 steps of N(3, 0.5²) into a new folder and returns the lines of metrics.csv.</summary>
    private string[] RunMetrics(string folderName, long seed)
    {
        var defaults = RunConfiguration.CreateDefault("gaussian1d");
        var configuration = defaults with
        {
            Training = defaults.Training with { Steps = 200, Seed = seed },
            SampleCount = 200,
            PhaseSteps = [],
        };
        var folder = directory.File(folderName);

        new TrainingRun(configuration, folder).Execute();

        return File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName));
    }

    /// <summary>Drops the seventh column, the wall-clock seconds, which is the only one that may differ between identical runs.</summary>
    private static string[] WithoutSeconds(string[] lines) =>
        lines.Select(line => string.Join(',', line.Split(',').Where((_, column) => column != 6))).ToArray();
}
