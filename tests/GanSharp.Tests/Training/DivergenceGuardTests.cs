using GanSharp.Tests.Reporting;
using GanSharp.Training;

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
}
