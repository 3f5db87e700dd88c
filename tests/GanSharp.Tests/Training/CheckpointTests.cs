using GanSharp.Models;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace GanSharp.Tests.Training;

[Collection(SerialTorchRandom.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Resume_PointsMatchStraightRunBitwise()
    {
        var configuration = PointConfiguration(steps: 200);
        var straight = directory.File("straight");
        new TrainingRun(configuration, straight).Execute();

        // Stopping after step 100 writes a checkpoint there, between the interval checkpoints at 60 and 120.
        var resumed = directory.File("resumed");
        using (var stop = new CancellationTokenSource())
        {
            var first = new TrainingRun(configuration, resumed).Execute((statistics, _) =>
            {
                if (statistics.Step == 100)
                {
                    stop.Cancel();
                }
            }, stop.Token);
            Assert.False(first.Completed);
            Assert.Equal(100, first.Steps);
        }

        Assert.True(Directory.Exists(Path.Combine(resumed, CheckpointStore.FolderName, "step-000100")));
        var second = TrainingRun.OpenForResume(resumed).Execute();

        Assert.True(second.Completed);
        Assert.Equal(200, second.Steps);
        AssertSameParameters(straight, resumed);
        Assert.Equal(MetricsWithoutSeconds(straight), MetricsWithoutSeconds(resumed));
    }

    [Fact]
    public void Resume_PointFileMatchesStraightRunBitwise()
    {
        // 37 points and minibatches of 16 put the stop at step 50 in the middle of an epoch, so the shuffle position
        // must come back from the checkpoint.
        var configuration = PointFileConfiguration(WriteRingFile(37), steps: 100);
        var straight = directory.File("straight");
        new TrainingRun(configuration, straight).Execute();

        var resumed = directory.File("resumed");
        using (var stop = new CancellationTokenSource())
        {
            var first = new TrainingRun(configuration, resumed).Execute((statistics, _) =>
            {
                if (statistics.Step == 50)
                {
                    stop.Cancel();
                }
            }, stop.Token);
            Assert.Equal(50, first.Steps);
        }

        var second = TrainingRun.OpenForResume(resumed).Execute();

        Assert.True(second.Completed);
        AssertSameParameters(straight, resumed);
        Assert.Equal(MetricsWithoutSeconds(straight), MetricsWithoutSeconds(resumed));
    }

    [Fact]
    public void Resume_RejectsEditedPointFile()
    {
        var points = WriteRingFile(37);
        var configuration = PointFileConfiguration(points, steps: 20);
        var folder = directory.File("run");
        new TrainingRun(configuration, folder).Execute();
        File.AppendAllText(points, "0.5,0.5\n");

        var exception = Assert.Throws<InvalidDataException>(() => TrainingRun.OpenForResume(folder, steps: 40).Execute());

        Assert.Contains($"the point file {points} changed since the checkpoint was written", exception.Message);
        Assert.Contains("Restore the original file", exception.Message);
    }

    [Fact]
    public void Resume_NamesMissingPointFile()
    {
        var points = WriteRingFile(37);
        var folder = directory.File("run");
        new TrainingRun(PointFileConfiguration(points, steps: 20), folder).Execute();
        File.Delete(points);

        var exception = Assert.Throws<FileNotFoundException>(() => TrainingRun.OpenForResume(folder, steps: 40).Execute());

        Assert.Contains($"Point file not found: {points}", exception.Message);
        Assert.Contains("config.json names this file under data.path", exception.Message);
    }

    [Fact]
    public void Resume_ImagesWithDropoutMatchBitwise()
    {
        // Dropout draws from torch's global generator and minibatches from the shuffled epoch of the image source,
        // so both states must come back from the checkpoint.
        var defaults = RunConfiguration.CreateDefault("mnist");
        var configuration = defaults with
        {
            Model = defaults.Model with { LatentDim = 8, GeneratorHidden = [16], DiscriminatorHidden = [16], Dropout = 0.3 },
            Training = defaults.Training with { Steps = 16, BatchSize = 16, Seed = 5 },
            SampleInterval = 1000,
            SampleCount = 4,
            CheckpointInterval = 5,
        };
        var straight = directory.File("straight");
        new TrainingRun(configuration, straight).Execute();

        var resumed = directory.File("resumed");
        using (var stop = new CancellationTokenSource())
        {
            new TrainingRun(configuration, resumed).Execute((statistics, _) =>
            {
                if (statistics.Step == 7)
                {
                    stop.Cancel();
                }
            }, stop.Token);
        }

        TrainingRun.OpenForResume(resumed).Execute();

        AssertSameParameters(straight, resumed);
        Assert.Equal(MetricsWithoutSeconds(straight), MetricsWithoutSeconds(resumed));
    }

    [Fact]
    public void Resume_DcganMatchesBitwise()
    {
        // Batch normalisation keeps running statistics in buffers, which the checkpoint must carry like the weights.
        var defaults = RunConfiguration.CreateDefault("mnist", kind: ModelKind.Dcgan);
        var configuration = defaults with
        {
            Model = defaults.Model with { LatentDim = 8, GeneratorBaseWidth = 4, DiscriminatorBaseWidth = 4 },
            Training = defaults.Training with { Steps = 6, BatchSize = 8, Seed = 3 },

            // The callback runs at log rows only, so a row every step lets it stop the run at step 3.
            LogInterval = 1,
            SampleInterval = 1000,
            SampleCount = 4,
            CheckpointInterval = 2,
        };
        var straight = directory.File("straight");
        new TrainingRun(configuration, straight).Execute();

        var resumed = directory.File("resumed");
        using (var stop = new CancellationTokenSource())
        {
            new TrainingRun(configuration, resumed).Execute((statistics, _) =>
            {
                if (statistics.Step == 3)
                {
                    stop.Cancel();
                }
            }, stop.Token);
        }

        Assert.True(Directory.Exists(Path.Combine(resumed, CheckpointStore.FolderName, "step-000003")));
        TrainingRun.OpenForResume(resumed).Execute();

        var generatorState = ReadParameters(resumed, TrainingRun.GeneratorFileName);
        Assert.Contains(generatorState.Keys, name => name.EndsWith("running_mean", StringComparison.Ordinal));
        AssertSameParameters(straight, resumed);
        Assert.Equal(MetricsWithoutSeconds(straight), MetricsWithoutSeconds(resumed));
    }

    [Fact]
    public void Resume_AfterCrashUsesPreviousCheckpoint()
    {
        var configuration = PointConfiguration(steps: 200);
        var straight = directory.File("straight");
        new TrainingRun(configuration with { Training = configuration.Training with { Steps = 240 } }, straight).Execute();

        var crashed = directory.File("crashed");
        new TrainingRun(configuration, crashed).Execute();
        var checkpoints = Path.Combine(crashed, CheckpointStore.FolderName);

        // A kill in the middle of a checkpoint write leaves a hidden temporary folder. A power loss can leave a short file.
        var leftover = Path.Combine(checkpoints, ".step-000240.abcdefgh.tmp");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, TrainingRun.GeneratorFileName), "partial");
        var truncated = Path.Combine(checkpoints, "step-000200", TrainingRun.GeneratorFileName);
        using (var stream = new FileStream(truncated, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        var logger = new RecordingLogger();
        var summary = TrainingRun.OpenForResume(crashed, steps: 240, logger).Execute();

        Assert.True(summary.Completed);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains(truncated, warning);
        Assert.Contains("step-000180", logger.Informations.Single(message => message.StartsWith("Resuming", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(leftover));
        AssertSameParameters(straight, crashed);
    }

    [Fact]
    public void Resume_WithoutGoodCheckpointFails()
    {
        var configuration = PointConfiguration(steps: 60) with { KeepCheckpoints = 1 };
        var folder = directory.File("run");
        new TrainingRun(configuration, folder).Execute();
        var manifest = Path.Combine(folder, CheckpointStore.FolderName, "step-000060", CheckpointStore.ManifestFileName);
        File.WriteAllText(manifest, "{");

        var exception = Assert.Throws<InvalidDataException>(() => TrainingRun.OpenForResume(folder, steps: 80).Execute());

        Assert.Contains("no complete checkpoint", exception.Message);
    }

    [Fact]
    public void Write_KeepsNewestCheckpoints()
    {
        var configuration = PointConfiguration(steps: 200) with { KeepCheckpoints = 2 };
        var folder = directory.File("run");

        new TrainingRun(configuration, folder).Execute();

        var names = Directory.GetDirectories(Path.Combine(folder, CheckpointStore.FolderName))
            .Select(path => Path.GetFileName(path)!).Order().ToArray();
        Assert.Equal(["step-000180", "step-000200"], names);
    }

    [Fact]
    public void Write_KeepsOnlyGoodCheckpointBeyondLimit()
    {
        var configuration = PointConfiguration(steps: 120) with { KeepCheckpoints = 1 };
        var folder = directory.File("run");
        new TrainingRun(configuration, folder).Execute();
        var checkpoints = Path.Combine(folder, CheckpointStore.FolderName);

        // A damaged newest checkpoint at a later step must not cost the good one at step 120.
        var damaged = Path.Combine(checkpoints, "step-000500");
        Directory.CreateDirectory(damaged);
        var store = new CheckpointStore(folder, keep: 1, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var data = GanSharp.Data.DataSourceFactory.Create(configuration.Data, configuration.Model.Design);
        using var trainer = new GanTrainer(data, configuration.Model, configuration.Training, configuration.SampleCount);
        CheckpointStore.Load(Path.Combine(checkpoints, "step-000120"), trainer);
        trainer.TrainIteration();
        var metrics = new GanSharp.Reporting.MetricsLog();

        store.Write(trainer, configuration, metrics, seconds: 0);

        Assert.True(Directory.Exists(Path.Combine(checkpoints, "step-000121")));
        Assert.False(Directory.Exists(Path.Combine(checkpoints, "step-000120")));
        Assert.True(Directory.Exists(damaged));
    }

    [Fact]
    public void Resume_RejectsFolderHeldByLiveRun()
    {
        var folder = directory.File("run");
        new TrainingRun(PointConfiguration(steps: 60), folder).Execute();

        using (RunLock.Acquire(folder))
        {
            var exception = Assert.Throws<RunFolderInUseException>(() => TrainingRun.OpenForResume(folder, steps: 80).Execute());
            Assert.Contains("in use", exception.Message);
        }

        Assert.True(TrainingRun.OpenForResume(folder, steps: 80).Execute().Completed);
    }

    [Fact]
    public void Resume_TakesOverStaleLock()
    {
        var folder = directory.File("run");
        new TrainingRun(PointConfiguration(steps: 60), folder).Execute();

        // A process killed with kill -9 leaves its lock file, but the operating system has released its lock.
        File.WriteAllText(Path.Combine(folder, RunLock.FileName), "999999\n");

        var summary = TrainingRun.OpenForResume(folder, steps: 80).Execute();

        Assert.True(summary.Completed);
        Assert.False(File.Exists(Path.Combine(folder, RunLock.FileName)));
    }

    /// <summary>A 1-D run without theory metrics or phases, with a checkpoint every 60 steps.</summary>
    private static RunConfiguration PointConfiguration(int steps)
    {
        var defaults = RunConfiguration.CreateDefault("gaussian1d");
        return defaults with
        {
            Training = defaults.Training with { Steps = steps, BatchSize = 64, Seed = 7 },
            SampleInterval = 1000,
            SampleCount = 50,
            EvaluationInterval = 0,
            PhaseSteps = [],
            CheckpointInterval = 60,
        };
    }

    /// <summary>A 2-D run on a point file, with a checkpoint every 30 steps.</summary>
    private static RunConfiguration PointFileConfiguration(string path, int steps)
    {
        var defaults = RunConfiguration.CreateDefault("points");
        return defaults with
        {
            Data = new DataOptions("points", path),
            Training = defaults.Training with { Steps = steps, BatchSize = 16, Seed = 11 },
            SampleInterval = 1000,
            SampleCount = 50,
            CheckpointInterval = 30,
        };
    }

    /// <summary>Writes <paramref name="count"/> points on the unit circle as a CSV file with a header.</summary>
    private string WriteRingFile(int count)
    {
        var path = directory.File("ring.csv");
        var lines = Enumerable.Range(0, count).Select(index =>
        {
            var angle = 2 * Math.PI * index / count;
            return FormattableString.Invariant($"{Math.Cos(angle):R},{Math.Sin(angle):R}");
        });
        File.WriteAllLines(path, ["x,y", .. lines]);
        return path;
    }

    private static void AssertSameParameters(string expectedFolder, string actualFolder)
    {
        foreach (var fileName in new[] { TrainingRun.GeneratorFileName, TrainingRun.DiscriminatorFileName })
        {
            var expected = ReadParameters(expectedFolder, fileName);
            var actual = ReadParameters(actualFolder, fileName);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (name, values) in expected)
            {
                Assert.True(values.SequenceEqual(actual[name]), $"{fileName} tensor {name} differs after the resume.");
            }
        }
    }

    /// <summary>
    /// Reads every parameter and buffer (such as batch normalisation's running statistics) of a saved module as raw
    /// bits, so the comparison is bitwise. float32 values widen to float64 exactly and integer counts fit it too.
    /// </summary>
    private static Dictionary<string, long[]> ReadParameters(string runFolder, string fileName)
    {
        var folder = RunFolder.Open(runFolder);
        nn.Module module = fileName == TrainingRun.GeneratorFileName
            ? GanModelFactory.CreateGenerator(folder.Configuration.Model, folder.Shape.DataKind, folder.Shape.SampleShape)
            : GanModelFactory.CreateDiscriminator(folder.Configuration.Model, folder.Shape.SampleShape);
        using (module)
        {
            GanSharp.Runtime.ModuleFiles.Load(module, Path.Combine(runFolder, fileName));
            return module.state_dict().ToDictionary(
                entry => entry.Key,
                entry =>
                {
                    using var widened = entry.Value.to_type(ScalarType.Float64);
                    return widened.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
                });
        }
    }

    private static string[] MetricsWithoutSeconds(string folder) =>
        File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName))
            .Select(line => string.Join(',', line.Split(',').Where((_, column) => column != 6)))
            .ToArray();
}
