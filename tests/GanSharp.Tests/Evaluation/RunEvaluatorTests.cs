using GanSharp.Data;
using GanSharp.Evaluation;
using GanSharp.Tests.Data;
using GanSharp.Training;

namespace GanSharp.Tests.Evaluation;

public sealed class RunEvaluatorTests
{
    [Fact]
    public void IdxRun_GetsParzenWithoutDigitMetrics()
    {
        using var files = new IdxTestFiles();
        var pixels = new byte[40 * 8 * 8];
        new Random(3).NextBytes(pixels);
        var images = files.WriteIdx("images.idx", [40, 8, 8], pixels);
        var defaults = RunConfiguration.CreateDefault("idx");
        var configuration = defaults with
        {
            Data = new DataOptions("idx", images),
            Model = defaults.Model with { GeneratorHidden = [16], DiscriminatorHidden = [16], LatentDim = 4 },
            Training = defaults.Training with { Steps = 3, BatchSize = 8 },
        };
        var folder = Path.Combine(files.Directory, "run");
        new TrainingRun(configuration, folder).Execute();

        var report = RunEvaluator.Evaluate(RunFolder.Open(folder), new EvaluationOptions(SampleCount: 50));

        var parzen = Assert.IsType<ParzenEvaluation>(report.Parzen);
        Assert.Equal(50, parzen.Result.CentreCount);
        Assert.Equal(4, parzen.Result.ValidationCount);
        Assert.Equal(4, parzen.Result.TestCount);
        Assert.Equal(RunEvaluator.ParzenSigmas, parzen.Result.Sigmas);
        Assert.True(double.IsFinite(parzen.Result.TestMean), $"Parzen mean {parzen.Result.TestMean}");
        Assert.True(parzen.ReferenceSeenInTraining);
        Assert.Equal(32, parzen.RealCentres.CentreCount);
        Assert.Equal(4, parzen.RealCentres.TestCount);
        Assert.Null(report.DigitFeatures);
        Assert.Null(report.ModeCoverage);
        Assert.Contains(report.Notes, note => note.Contains("--split train", StringComparison.Ordinal));
        Assert.Contains(report.Notes, note => note.Contains("--data mnist", StringComparison.Ordinal));
    }

    [Fact]
    public void ParzenSigmas_CoverTheTenValues2014Grid()
    {
        Assert.Equal(10, RunEvaluator.ParzenSigmas.Count);
        Assert.Equal(0.1, RunEvaluator.ParzenSigmas[0]);
        Assert.Equal(1.0, RunEvaluator.ParzenSigmas[^1]);
    }
}
