using System.Globalization;
using GanSharp.Reporting;
using GanSharp.Tests.Reporting;
using GanSharp.Training;

namespace GanSharp.Tests.Training;

[Collection(SerialTorchRandom.Name)]
public sealed class TensorBoardRunTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Run_WritesScalarsImagesAndHistograms()
    {
        var folder = directory.File("run");
        new TrainingRun(Configuration(steps: 40), folder).Execute();

        var eventFile = Assert.Single(TensorBoardEventFiles.Find(Path.Combine(folder, "tensorboard")));
        var values = EventFileReader.ReadValues(eventFile);

        // One file-version record, then one record per value. The 4 log rows give 5 scalars each, steps 20 and 40 give
        // 3 theory scalars each, and there are 3 sample pictures. The 4 parameters of G and of D get histograms at steps
        // 0, 20 and 40, and their gradients at 20 and 40 only.
        Assert.Equal(1 + 5 * 4 + 3 * 2 + 3 + 2 * (4 * 3 + 4 * 2), EventFileReader.CountRecords(eventFile));
        Assert.Equal(EventKind.FileVersion, values[0].Kind);
        Assert.Equal("brain.Event:2", values[0].Tag);

        foreach (var tag in new[] { "train/loss_d", "train/loss_g", "train/d_real", "train/d_fake", "train/value" })
        {
            Assert.Equal([10L, 20, 30, 40], StepsOf(values, tag, EventKind.Scalar));
        }

        foreach (var tag in new[] { "theory/jsd", "theory/c_of_g", "theory/d_star_error" })
        {
            Assert.Equal([20L, 40], StepsOf(values, tag, EventKind.Scalar));
        }

        Assert.Equal([0L, 20, 40], StepsOf(values, TensorBoardLog.SamplesTag, EventKind.Image));
        foreach (var image in values.Where(value => value.Kind == EventKind.Image))
        {
            Assert.Equal(PngSignature, image.ImageBytes![..8]);
        }

        foreach (var network in new[] { "generator", "discriminator" })
        {
            foreach (var parameter in new[] { "net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias" })
            {
                Assert.Equal([0L, 20, 40], StepsOf(values, $"{network}/{parameter}", EventKind.Histogram));
                Assert.Equal([20L, 40], StepsOf(values, $"{network}_grad/{parameter}", EventKind.Histogram));
            }
        }
    }

    [Fact]
    public void Run_ScalarsMatchMetricsFile()
    {
        var folder = directory.File("run");
        new TrainingRun(Configuration(steps: 20), folder).Execute();

        var values = EventFileReader.ReadValues(Assert.Single(TensorBoardEventFiles.Find(Path.Combine(folder, "tensorboard"))));
        var rows = File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName));
        var header = rows[0].Split(',');
        foreach (var row in rows.Skip(1).Select(line => line.Split(',')))
        {
            var step = long.Parse(row[0], CultureInfo.InvariantCulture);
            foreach (var (column, tag) in new[] { ("loss_d", "train/loss_d"), ("d_fake", "train/d_fake"), ("jsd", "theory/jsd") })
            {
                var text = row[Array.IndexOf(header, column)];
                var scalars = values.Where(value => value.Tag == tag && value.Step == step).ToList();
                if (text.Length == 0)
                {
                    Assert.Empty(scalars);
                    continue;
                }

                var scalar = Assert.Single(scalars).Scalar;
                Assert.Equal((float)double.Parse(text, CultureInfo.InvariantCulture), scalar, 5);
            }
        }
    }

    [Fact]
    public void Run_MetricsSameWithoutTensorBoard()
    {
        var configuration = Configuration(steps: 40);
        var with = directory.File("with");
        var without = directory.File("without");
        new TrainingRun(configuration, with).Execute();
        new TrainingRun(configuration with { TensorBoard = null }, without).Execute();

        Assert.False(Directory.Exists(Path.Combine(without, "tensorboard")));
        Assert.Equal(MetricsWithoutSeconds(with), MetricsWithoutSeconds(without));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(with, TrainingRun.GeneratorFileName)),
            File.ReadAllBytes(Path.Combine(without, TrainingRun.GeneratorFileName)));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(with, TrainingRun.DiscriminatorFileName)),
            File.ReadAllBytes(Path.Combine(without, TrainingRun.DiscriminatorFileName)));
    }

    [Fact]
    public void Resume_WritesEachStepOnce()
    {
        var folder = directory.File("run");
        var configuration = Configuration(steps: 60) with { CheckpointInterval = 20 };

        // Stopping at step 30 writes a checkpoint there. Deleting it makes the resume start from step 20, as after a
        // crash, so the event file contains steps 21 to 30 that the resumed run writes again.
        using (var stop = new CancellationTokenSource())
        {
            new TrainingRun(configuration, folder).Execute((statistics, _) =>
            {
                if (statistics.Step == 30)
                {
                    stop.Cancel();
                }
            }, stop.Token);
        }

        Directory.Delete(Path.Combine(folder, CheckpointStore.FolderName, "step-000030"), recursive: true);
        TrainingRun.OpenForResume(folder).Execute();

        var files = TensorBoardEventFiles.Find(Path.Combine(folder, "tensorboard"));
        Assert.Equal(2, files.Length);
        var values = files.SelectMany(EventFileReader.ReadValues).Where(value => value.Kind != EventKind.FileVersion).ToList();
        var repeated = values.GroupBy(value => (value.Tag, value.Step)).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.Empty(repeated);
        Assert.Equal([10L, 20, 30, 40, 50, 60], StepsOf(values, "train/loss_d", EventKind.Scalar));
        Assert.Equal([0L, 20, 40, 60], StepsOf(values, TensorBoardLog.SamplesTag, EventKind.Image));
    }

    [Fact]
    public void Resume_AfterStopBeforeFirstStep()
    {
        var folder = directory.File("run");
        using (var stop = new CancellationTokenSource())
        {
            stop.Cancel();
            var stopped = new TrainingRun(Configuration(steps: 20), folder).Execute(cancellationToken: stop.Token);
            Assert.Equal(0, stopped.Steps);
        }

        Assert.True(Directory.Exists(Path.Combine(folder, CheckpointStore.FolderName, "step-000000")));
        var resumed = TrainingRun.OpenForResume(folder).Execute();

        Assert.True(resumed.Completed);
        var values = TensorBoardEventFiles.Find(Path.Combine(folder, "tensorboard")).SelectMany(EventFileReader.ReadValues).ToList();
        Assert.Equal([0L, 20], StepsOf(values, TensorBoardLog.SamplesTag, EventKind.Image));
        Assert.Equal([0L, 20], StepsOf(values, "generator/net.0.weight", EventKind.Histogram));
    }

    [Fact]
    public void TrimAfterStep_DropsLaterRecordsAndTail()
    {
        var folder = directory.File("tensorboard");
        var writer = TorchSharp.torch.utils.tensorboard.SummaryWriter(folder);
        for (var step = 1; step <= 5; step++)
        {
            writer.add_scalar("train/loss_d", step, step);
        }

        var path = Assert.Single(TensorBoardEventFiles.Find(folder));
        using (var stream = new FileStream(path, FileMode.Append))
        {
            // The start of a record, as left by a process killed while writing.
            stream.Write([40, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
        }

        var removed = TensorBoardEventFiles.TrimAfterStep(folder, 3);

        Assert.Equal(2, removed);
        var values = EventFileReader.ReadValues(path);
        Assert.Equal(EventKind.FileVersion, values[0].Kind);
        Assert.Equal([1L, 2, 3], StepsOf(values, "train/loss_d", EventKind.Scalar));
        Assert.Equal(0, TensorBoardEventFiles.TrimAfterStep(folder, 3));
    }

    private static long[] StepsOf(IEnumerable<EventValue> values, string tag, EventKind kind) =>
        values.Where(value => value.Tag == tag && value.Kind == kind).Select(value => value.Step).ToArray();

    /// <summary>A short 1-D run with every kind of TensorBoard record: G and D with one hidden layer of 8 units.</summary>
    private static RunConfiguration Configuration(int steps)
    {
        var defaults = RunConfiguration.CreateDefault("gaussian1d");
        return defaults with
        {
            Model = defaults.Model with { GeneratorHidden = [8], DiscriminatorHidden = [8] },
            Training = defaults.Training with { Steps = steps, BatchSize = 32, Seed = 3 },
            SampleInterval = 20,
            SampleCount = 50,
            EvaluationInterval = 20,
            HistogramInterval = 20,
            PhaseSteps = [],
        };
    }

    private static string[] MetricsWithoutSeconds(string folder) =>
        File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName))
            .Select(line => string.Join(',', line.Split(',').Where((_, column) => column != 6)))
            .ToArray();
}
