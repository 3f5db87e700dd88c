using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using GanSharp.Data;
using GanSharp.Reporting;
using GanSharp.Theory;
using Microsoft.Extensions.Logging;

namespace GanSharp.Training;

/// <summary>
/// The theory side of a <see cref="TrainingRun"/> on a Gaussian mixture: measures JSD, C(G) and the distance of D
/// from D* at evaluation steps, draws the phases of a 1-D run, and writes <c>value.png</c> and the phase pictures.
/// </summary>
internal sealed class TheoryRecorder : IDisposable
{
    private readonly RunConfiguration configuration;
    private readonly GaussianMixture data;
    private readonly string outputDirectory;
    private readonly ILogger logger;
    private readonly TheoryMonitor? monitor;
    private readonly int[] phaseSteps;
    private readonly List<PhaseSnapshot> snapshots = [];
    private readonly Stopwatch measuring = new();
    private readonly Stopwatch drawing = new();
    private int measurements;

    private TheoryRecorder(
        RunConfiguration configuration, GaussianMixture data, string outputDirectory, ILogger logger, TheoryMonitor? monitor, int[] phaseSteps)
    {
        this.configuration = configuration;
        this.data = data;
        this.outputDirectory = outputDirectory;
        this.logger = logger;
        this.monitor = monitor;
        this.phaseSteps = phaseSteps;
    }

    /// <summary>The theory columns of this run's <c>metrics.csv</c>.</summary>
    public TheoryColumns Columns => monitor is null
        ? TheoryColumns.None
        : data.Kind == DataKind.Points1D ? TheoryColumns.JensenShannonAndOptimalDiscriminator : TheoryColumns.JensenShannon;

    /// <summary>
    /// Returns a recorder for a run on a Gaussian mixture with theory metrics or phase pictures to make, or null when
    /// there are none, for example for images.
    /// </summary>
    public static TheoryRecorder? Create(RunConfiguration configuration, IDataSource data, string outputDirectory, ILogger logger)
    {
        if (data is not GaussianMixture mixture)
        {
            return null;
        }

        var phaseSteps = mixture.Kind == DataKind.Points1D ? configuration.ResolvePhaseSteps() : [];
        if (configuration.EvaluationInterval == 0 && phaseSteps.Length == 0)
        {
            return null;
        }

        var monitor = configuration.EvaluationInterval > 0
            ? new TheoryMonitor(mixture, configuration.Model, configuration.Training.Seed)
            : null;
        return new TheoryRecorder(configuration, mixture, outputDirectory, logger, monitor, phaseSteps);
    }

    /// <summary>Measures the theory metrics at every evaluation interval and at the last step; otherwise returns null.</summary>
    public TheoryMeasurement? MeasureIfDue(GanTrainer trainer, bool isLastStep)
    {
        if (!IsDue(trainer.Step, isLastStep))
        {
            return null;
        }

        measuring.Start();
        var measurement = monitor.Measure(trainer);
        measuring.Stop();
        measurements++;
        if (double.IsNaN(measurement.JensenShannon))
        {
            logger.LogWarning("Theory metrics at step {Step} are NaN because the generator produced non-finite samples", trainer.Step);
        }

        return measurement;
    }

    /// <summary>True when step <paramref name="step"/> gets a measurement of the theory metrics.</summary>
    [MemberNotNullWhen(true, nameof(monitor))]
    public bool IsDue(int step, bool isLastStep) =>
        monitor is not null && (step % configuration.EvaluationInterval == 0 || isLastStep);

    /// <summary>Draws the phase picture <c>phases/step-NNNNNN.png</c> when the trainer's step is a phase step.</summary>
    public void CapturePhase(GanTrainer trainer)
    {
        var index = Array.IndexOf(phaseSteps, trainer.Step);
        if (index < 0 || snapshots.Any(snapshot => snapshot.Step == trainer.Step))
        {
            return;
        }

        drawing.Start();
        var snapshot = PhaseCapture.Capture(trainer, data, Label(index, trainer.Step));
        var path = Path.Combine(outputDirectory, TrainingRun.PhasesFolderName, $"step-{trainer.Step:D6}.png");
        PhaseFigure.Save(snapshot, path);
        snapshots.Add(snapshot);
        drawing.Stop();
        logger.LogDebug("Wrote phase {Path}", path);
    }

    /// <summary>Writes <c>value.png</c> and <c>phases/phases.png</c>, and logs the time the theory work took.</summary>
    public void Finish(MetricsLog metrics)
    {
        if (monitor is not null && metrics.Rows.Count > 0)
        {
            SaveValueCurve(metrics);
            logger.LogInformation(
                "Measured the theory metrics {Count} times in {Seconds:F2} s", measurements, measuring.Elapsed.TotalSeconds);
        }

        if (snapshots.Count > 0)
        {
            drawing.Start();
            PhaseFigure.SaveRow(snapshots, Path.Combine(outputDirectory, TrainingRun.PhasesFolderName, TrainingRun.PhasesRowFileName));
            drawing.Stop();
            logger.LogInformation("Drew {Count} phases in {Seconds:F2} s", snapshots.Count, drawing.Elapsed.TotalSeconds);
        }
    }

    public void Dispose() => monitor?.Dispose();

    /// <summary>Returns a caption such as "(a) step 0": letters for the first 26 phases, numbers after.</summary>
    private static string Label(int index, int step) =>
        index < 26 ? $"({(char)('a' + index)}) step {step}" : $"({index + 1}) step {step}";

    private void SaveValueCurve(MetricsLog metrics)
    {
        var measured = metrics.Rows.Where(row => row.Theory is not null).ToArray();
        var series = new[]
        {
            new CurveSeries(
                "estimate of V (last minibatch)",
                metrics.Rows.Select(row => (long)row.Statistics.Step).ToArray(),
                metrics.Rows.Select(row => row.Statistics.Value).ToArray()),
            new CurveSeries(
                "C(G) = −ln 4 + 2 JSD",
                measured.Select(row => (long)row.Statistics.Step).ToArray(),
                measured.Select(row => row.Theory!.Value.CriterionValue).ToArray()),
        };
        SamplePlots.TrainingCurves(
            series,
            Path.Combine(outputDirectory, TrainingRun.ValueCurveFileName),
            "Value and virtual training criterion",
            referenceValue: VirtualTrainingCriterion.GlobalMinimum,
            referenceLabel: "−ln 4, the minimum of C(G)",
            yLabel: "nats");
    }
}
