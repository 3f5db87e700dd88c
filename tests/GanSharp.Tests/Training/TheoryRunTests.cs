using System.Globalization;
using GanSharp.Reporting;
using GanSharp.Tests.Reporting;
using GanSharp.Training;
using SkiaSharp;

namespace GanSharp.Tests.Training;

/// <summary>Short training runs on point data that write the theory metrics, <c>value.png</c> and the phases figure.</summary>
public sealed class TheoryRunTests : IDisposable
{
    private const string OneDimensionalHeader = MetricsLog.Header + ",jsd,c_of_g,d_star_error";

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Gaussian1D_MetricsHaveTheoryAtEvaluationSteps()
    {
        var folder = Run("gaussian1d", steps: 120, evaluationInterval: 40, phaseSteps: []);

        var lines = File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName));

        Assert.Equal(OneDimensionalHeader, lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            Assert.Equal(10, cells.Length);
            var step = int.Parse(cells[0], CultureInfo.InvariantCulture);
            if (step % 40 != 0)
            {
                Assert.Equal(["", "", ""], cells[7..]);
                continue;
            }

            var jsd = Parse(cells[7]);
            var criterion = Parse(cells[8]);
            var dStarError = Parse(cells[9]);
            Assert.True(double.IsFinite(jsd), $"jsd = {cells[7]} at step {step}");
            Assert.True(jsd >= 0, $"jsd = {cells[7]} at step {step}");
            Assert.Equal(-Math.Log(4) + 2 * jsd, criterion, 1e-6);
            Assert.InRange(dStarError, 0, 1);
        }

        var evaluated = lines.Skip(1).Where(line => !line.EndsWith(",,,", StringComparison.Ordinal)).Select(line => line.Split(',')[0]);
        Assert.Equal(["40", "80", "120"], evaluated);
    }

    [Fact]
    public void Gaussian1D_EvaluationOffLogIntervalGetsRow()
    {
        var folder = Run("gaussian1d", steps: 45, evaluationInterval: 15, phaseSteps: []);

        var lines = File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName));
        var steps = lines.Skip(1).Select(line => line.Split(',')[0]);
        var evaluated = lines.Skip(1).Where(line => !line.EndsWith(",,,", StringComparison.Ordinal)).Select(line => line.Split(',')[0]);

        // Rows every 10 steps, at every evaluation step (15, 30, 45), and at the last step.
        Assert.Equal(["10", "15", "20", "30", "40", "45"], steps);
        Assert.Equal(["15", "30", "45"], evaluated);
    }

    [Fact]
    public void Gaussian1D_WritesValueCurve()
    {
        var folder = Run("gaussian1d", steps: 40, evaluationInterval: 20, phaseSteps: []);

        using var bitmap = SKBitmap.Decode(Path.Combine(folder, TrainingRun.ValueCurveFileName));

        Assert.NotNull(bitmap);
        Assert.Equal(SamplePlots.DefaultWidth, bitmap.Width);
        Assert.Equal(SamplePlots.DefaultHeight, bitmap.Height);
    }

    [Fact]
    public void Ring8_HasJsdWithoutDStarError()
    {
        var folder = Run("ring8", steps: 40, evaluationInterval: 20, phaseSteps: null);

        var lines = File.ReadAllLines(Path.Combine(folder, TrainingRun.MetricsFileName));

        Assert.Equal(MetricsLog.Header + ",jsd,c_of_g", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Equal(9, line.Split(',').Length));
        var last = lines[^1].Split(',');
        Assert.Equal("40", last[0]);
        Assert.InRange(Parse(last[7]), 0, Math.Log(2) + 1e-6);
        Assert.True(File.Exists(Path.Combine(folder, TrainingRun.ValueCurveFileName)), "value.png is missing");
        Assert.False(Directory.Exists(Path.Combine(folder, TrainingRun.PhasesFolderName)), "a 2-D run drew phases");
    }

    [Fact]
    public void Gaussian1D_DrawsPhasesAtChosenSteps()
    {
        var folder = Run("gaussian1d", steps: 30, evaluationInterval: 0, phaseSteps: [30, 0, 10]);
        var phases = Path.Combine(folder, TrainingRun.PhasesFolderName);

        var names = Directory.GetFiles(phases).Select(Path.GetFileName).Order();
        using var row = SKBitmap.Decode(Path.Combine(phases, TrainingRun.PhasesRowFileName));

        Assert.Equal(["phases.png", "step-000000.png", "step-000010.png", "step-000030.png"], names);
        Assert.NotNull(row);
        Assert.Equal(3 * PhaseFigure.DefaultWidth, row.Width);
        Assert.Equal(PhaseFigure.DefaultHeight, row.Height);
        Assert.False(File.Exists(Path.Combine(folder, TrainingRun.ValueCurveFileName)), "value.png without theory metrics");
    }

    [Fact]
    public void DefaultPhaseSteps_IncludeFirstAndLast()
    {
        Assert.Equal([0, 100, 1000, 3000], RunConfiguration.DefaultPhaseSteps(3000));
        Assert.Equal([0, 3, 10], RunConfiguration.DefaultPhaseSteps(10));
        Assert.Equal([0, 1], RunConfiguration.DefaultPhaseSteps(1));
    }

    [Fact]
    public void Validate_RejectsTheoryOptionsThatCannotApply()
    {
        var points = RunConfiguration.CreateDefault("gaussian1d");
        var plane = RunConfiguration.CreateDefault("ring8");
        var digits = RunConfiguration.CreateDefault("mnist");

        Assert.Equal(RunConfiguration.DefaultEvaluationInterval, points.EvaluationInterval);
        Assert.Equal(0, digits.EvaluationInterval);
        Assert.Contains("--eval-interval", Assert.Throws<ArgumentException>(() => (digits with { EvaluationInterval = 10 }).Validate()).Message);
        Assert.Contains("--eval-interval", Assert.Throws<ArgumentException>(() => (points with { EvaluationInterval = -1 }).Validate()).Message);
        Assert.Contains("1-D", Assert.Throws<ArgumentException>(() => (plane with { PhaseSteps = [0] }).Validate()).Message);
        Assert.Contains("3001", Assert.Throws<ArgumentException>(() => (points with { PhaseSteps = [0, 3001] }).Validate()).Message);
        (plane with { PhaseSteps = [] }).Validate();
    }

    /// <summary>Trains the named point data with small settings into a new folder and returns the folder.</summary>
    internal static string Run(TemporaryDirectory directory, string data, int steps, int evaluationInterval, int[]? phaseSteps, string name = "run")
    {
        var defaults = RunConfiguration.CreateDefault(data);
        var configuration = defaults with
        {
            Training = defaults.Training with { Steps = steps, Seed = 3 },
            SampleInterval = 1000,
            SampleCount = 100,
            EvaluationInterval = evaluationInterval,
            PhaseSteps = phaseSteps,
        };
        var folder = directory.File(name);

        new TrainingRun(configuration, folder).Execute();
        return folder;
    }

    private string Run(string data, int steps, int evaluationInterval, int[]? phaseSteps, string name = "run") =>
        Run(directory, data, steps, evaluationInterval, phaseSteps, name);

    private static double Parse(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>
/// Compares the base columns of two runs. It runs alone, because another test drawing from torch's global
/// generator meanwhile could change one run's initial weights.
/// </summary>
[Collection(SerialTorchRandom.Name)]
public sealed class TheoryRunDeterminismTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Gaussian1D_EvaluationLeavesTrainingUnchanged()
    {
        var measured = TheoryRunTests.Run(directory, "gaussian1d", steps: 60, evaluationInterval: 20, phaseSteps: [0, 30], name: "measured");
        var plain = TheoryRunTests.Run(directory, "gaussian1d", steps: 60, evaluationInterval: 0, phaseSteps: [], name: "plain");

        var measuredLines = File.ReadAllLines(Path.Combine(measured, TrainingRun.MetricsFileName));
        var plainLines = File.ReadAllLines(Path.Combine(plain, TrainingRun.MetricsFileName));

        Assert.Equal(MetricsLog.Header, plainLines[0]);
        Assert.Equal(BaseColumnsWithoutSeconds(plainLines), BaseColumnsWithoutSeconds(measuredLines));
    }

    /// <summary>Returns each line's first six columns: every base column but the wall-clock seconds.</summary>
    private static string[] BaseColumnsWithoutSeconds(string[] lines) =>
        lines.Select(line => string.Join(',', line.Split(',')[..6])).ToArray();
}
