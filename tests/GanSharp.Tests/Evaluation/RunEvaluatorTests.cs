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
    public void TestDataWithOneImage_NamesTheOption()
    {
        using var files = new IdxTestFiles();
        var folder = TrainIdxRun(files, 40);
        var oneImage = files.WriteIdx("one.idx", [1, 8, 8], new byte[64]);

        var error = Assert.Throws<ArgumentException>(
            () => RunEvaluator.Evaluate(RunFolder.Open(folder), new EvaluationOptions(SampleCount: 10, TestDataPath: oneImage)));

        Assert.Contains($"--test-data {oneImage}", error.Message);
    }

    [Fact]
    public void IdxRunWithOneTestImage_SuggestsTestData()
    {
        using var files = new IdxTestFiles();
        var folder = TrainIdxRun(files, 12);

        var error = Assert.Throws<ArgumentException>(() => RunEvaluator.Evaluate(RunFolder.Open(folder), new EvaluationOptions(SampleCount: 10)));

        Assert.Contains("test split (index mod 10 = 9) 1,", error.Message);
        Assert.Contains("Pass --test-data", error.Message);
    }

    [Fact]
    public void DigitRunWithThreeSamples_NamesSamples()
    {
        using var files = new IdxTestFiles();
        var defaults = RunConfiguration.CreateDefault("mnist");
        var configuration = defaults with
        {
            Model = defaults.Model with { GeneratorHidden = [8], DiscriminatorHidden = [8], LatentDim = 4 },
            Training = defaults.Training with { Steps = 1, BatchSize = 4 },
        };
        var folder = Path.Combine(files.Directory, "run");
        new TrainingRun(configuration, folder).Execute();

        // Zero epochs make the classifier stage fail at once, so a missed check cannot start a long training.
        var options = new EvaluationOptions(SampleCount: 3, Classifier: new DigitClassifierOptions(Epochs: 0),
            ClassifierCacheDirectory: Path.Combine(files.Directory, "classifiers"));
        var error = Assert.Throws<ArgumentException>(() => RunEvaluator.Evaluate(RunFolder.Open(folder), options));

        Assert.Contains("--samples 3", error.Message);
    }

    private static string TrainIdxRun(IdxTestFiles files, int imageCount)
    {
        var pixels = new byte[imageCount * 8 * 8];
        new Random(3).NextBytes(pixels);
        var images = files.WriteIdx("images.idx", [imageCount, 8, 8], pixels);
        var defaults = RunConfiguration.CreateDefault("idx");
        var configuration = defaults with
        {
            Data = new DataOptions("idx", images),
            Model = defaults.Model with { GeneratorHidden = [8], DiscriminatorHidden = [8], LatentDim = 4 },
            Training = defaults.Training with { Steps = 1, BatchSize = 4 },
        };
        var folder = Path.Combine(files.Directory, "run");
        new TrainingRun(configuration, folder).Execute();
        return folder;
    }

    [Fact]
    public void ParzenSigmas_CoverTheTenValues2014Grid()
    {
        Assert.Equal(10, RunEvaluator.ParzenSigmas.Count);
        Assert.Equal(0.1, RunEvaluator.ParzenSigmas[0]);
        Assert.Equal(1.0, RunEvaluator.ParzenSigmas[^1]);
    }
}
