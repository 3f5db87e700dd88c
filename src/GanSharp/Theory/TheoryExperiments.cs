using System.Diagnostics;
using GanSharp.Data;
using GanSharp.Reporting;
using GanSharp.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;

namespace GanSharp.Theory;

/// <summary>
/// The four numerical demonstrations of the theory of Goodfellow et al. (2014), which write <c>theory.json</c>,
/// <c>theory.md</c> and the figures into one folder: the pointwise maximiser behind D*, a discriminator trained
/// against a fixed generator compared with D* and C(G), the value −ln 4 at p_g = p_data, and a full GAN run.
/// </summary>
public static class TheoryExperiments
{
    public const long DefaultSeed = 1;

    public const string OptimalDiscriminatorFigure = "optimal_discriminator.png";
    public const string ValueFigure = "value.png";
    public const string PhasesFolder = "phases";
    public const string PhasesFigure = "phases.png";

    /// <summary>Weight a of the maximiser check, the role of p_data(x).</summary>
    public const double MaximizerA = 0.45;

    /// <summary>Weight b of the maximiser check, the role of p_g(x).</summary>
    public const double MaximizerB = 0.6;

    /// <summary>Largest |numeric − closed form| of the maximiser that meets its target.</summary>
    public const double MaximizerTolerance = 1e-6;

    /// <summary>Largest max |D − D*| over the central 99 % of p_data that meets its target.</summary>
    public const double MaxAbsErrorLimit = 0.05;

    /// <summary>Largest |V̂ − C(G)| for the trained discriminator that meets its target.</summary>
    public const double ValueTolerance = 0.02;

    /// <summary>Largest |max_D V̂ + ln 4| at p_g = p_data that meets its target.</summary>
    public const double EquilibriumTolerance = 0.02;

    /// <summary>Largest JSD(p_data ‖ p̂_g) at the end of training that meets its target.</summary>
    public const double JsdEndLimit = 0.01;

    /// <summary>Largest |mean D over p_data − ½| at the end of training that meets its target.</summary>
    public const double DiscriminatorMeanTolerance = 0.05;

    /// <summary>Mass of p_data in the region where D is compared with D*.</summary>
    private const double ComparedMass = 0.99;

    private static readonly GaussianMixture StandardNormal = new("N(0, 1)", [[0.0]], 1.0);
    private static readonly GaussianMixture ShiftedNormal = new("N(1, 1)", [[1.0]], 1.0);

    // Each normal has about 2e−33 of its mass outside this range, and Simpson's rule with steps of
    // 0.005 integrates their smooth integrands far below the digits reported.
    private static readonly IntegrationRange NormalRange = new(-12, 13, 5000);

    /// <summary>
    /// Runs the demonstrations with every random draw from <paramref name="seed"/> and writes their files into
    /// <paramref name="outputDirectory"/>, which must be new or empty.
    /// </summary>
    /// <remarks>
    /// libtorch runs on one intra-op thread during the call, and the previous thread count is restored afterwards.
    /// The networks are so small that threads cost more than they save: on a shared 2-core machine the run took
    /// 87 s with libtorch's default of two threads and 9 s with one. Other torch work in the same process runs on
    /// one thread meanwhile, because the setting is process-wide.
    /// </remarks>
    /// <exception cref="IOException">The folder is a file, is not empty, or cannot be created or written.</exception>
    public static TheoryReport Run(string outputDirectory, long seed = DefaultSeed, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var directory = PrepareOutputDirectory(outputDirectory);
        var threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            return RunInto(directory, seed, logger);
        }
        finally
        {
            torch.set_num_threads(threads);
        }
    }

    private static TheoryReport RunInto(string directory, long seed, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        var figures = new List<string>();

        logger.LogInformation("Theory demonstrations with seed {Seed} into {Folder}", seed, directory);
        var maximizer = CheckMaximizer();
        var optimal = CheckOptimalDiscriminator(seed, directory, figures);
        logger.LogInformation("Optimal discriminator: max |D - D*| {Error:F4}", optimal.MaxAbsError);
        var equilibrium = CheckEquilibrium(seed);
        logger.LogInformation("Equilibrium: max V {Value:F6}", equilibrium.MaxValue);
        var training = RunTraining(seed, directory, figures, logger);

        var targets = EvaluateTargets(maximizer, optimal, equilibrium, training);
        var report = new TheoryReport(seed, maximizer, optimal, equilibrium, training, targets, figures, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(Path.Combine(directory, TheoryReport.JsonFileName), report.ToJson() + "\n");
        AtomicFile.WriteAllText(Path.Combine(directory, TheoryReport.MarkdownFileName), TheoryMarkdown.Render(report));
        logger.LogInformation("Finished in {Seconds:F1} s; all targets met: {Met}", report.Seconds, report.AllTargetsMet);
        return report;
    }

    /// <summary>Lists each target with its measured value and whether it was met.</summary>
    public static IReadOnlyList<TargetCheck> EvaluateTargets(
        MaximizerCheck maximizer, OptimalDiscriminatorCheck optimal, EquilibriumCheck equilibrium, TrainingCheck training) =>
    [
        TargetCheck.AtMost("maximizer", "|numeric - closed_form|",
            Math.Abs(maximizer.Numeric - maximizer.ClosedForm), MaximizerTolerance),
        TargetCheck.AtMost("max_abs_error", "max_abs_error", optimal.MaxAbsError, MaxAbsErrorLimit),
        TargetCheck.AtMost("value_trained", "|value_trained - value_predicted|",
            Math.Abs(optimal.ValueTrained - optimal.ValuePredicted), ValueTolerance),
        TargetCheck.AtMost("max_value", "|max_value - minus_log_4|",
            Math.Abs(equilibrium.MaxValue - equilibrium.MinusLog4), EquilibriumTolerance),
        TargetCheck.AtMost("jsd_end", "jsd_end", training.JsdEnd, JsdEndLimit),
        TargetCheck.AtMost("d_mean_end", "|d_mean_end - 0.5|", Math.Abs(training.DMeanEnd - 0.5), DiscriminatorMeanTolerance),
    ];

    private static MaximizerCheck CheckMaximizer() => new(
        MaximizerA,
        MaximizerB,
        PointwiseValue.Maximize(MaximizerA, MaximizerB),
        PointwiseValue.ClosedFormMaximizer(MaximizerA, MaximizerB));

    /// <summary>Trains D alone against G(z) = 1 + z on data N(0, 1) and compares it with D* and C(G).</summary>
    private static OptimalDiscriminatorCheck CheckOptimalDiscriminator(long seed, string directory, List<string> figures)
    {
        var options = DiscriminatorFitOptions.Default with { Seed = seed };
        using var fit = FixedGeneratorTraining.Train(StandardNormal, FixedGeneratorTraining.AffineGenerator(1, 1), options);

        var optimal = OptimalDiscriminator.Create(StandardNormal.Density, ShiftedNormal.Density);
        var region = CentralInterval.Containing(StandardNormal.Density, ComparedMass, NormalRange);
        var maxAbsError = DiscriminatorProbe.MaxAbsError(fit.Discriminator, optimal, region);
        var jsd = Divergence.JensenShannon(StandardNormal.Density, ShiftedNormal.Density, NormalRange);

        var xs = Enumerable.Range(0, 501).Select(index => -4 + index * 9.0 / 500).ToArray();
        TheoryPlots.OptimalDiscriminator(
            xs,
            xs.Select(StandardNormal.Density).ToArray(),
            xs.Select(ShiftedNormal.Density).ToArray(),
            xs.Select(optimal).ToArray(),
            DiscriminatorProbe.Evaluate(fit.Discriminator, xs),
            Path.Combine(directory, OptimalDiscriminatorFigure),
            $"D trained alone for {fit.Steps} steps against G(z) = 1 + z");
        figures.Add(OptimalDiscriminatorFigure);

        return new OptimalDiscriminatorCheck(
            "N(0, 1)",
            "G(z) = 1 + z with z ~ N(0, 1), so p_g = N(1, 1)",
            region.Lower,
            region.Upper,
            maxAbsError,
            fit.Value,
            VirtualTrainingCriterion.FromJensenShannon(jsd),
            jsd,
            fit.Steps);
    }

    /// <summary>Trains D alone against G(z) = z on data N(0, 1), so that p_g = p_data.</summary>
    private static EquilibriumCheck CheckEquilibrium(long seed)
    {
        var options = DiscriminatorFitOptions.Default with { Seed = seed };
        using var fit = FixedGeneratorTraining.Train(StandardNormal, FixedGeneratorTraining.AffineGenerator(0, 1), options);
        var region = CentralInterval.Containing(StandardNormal.Density, ComparedMass, NormalRange);
        var maxAbsError = DiscriminatorProbe.MaxAbsError(fit.Discriminator, _ => 0.5, region);
        return new EquilibriumCheck(
            "N(0, 1)",
            "G(z) = z with z ~ N(0, 1), so p_g = p_data",
            fit.Value,
            VirtualTrainingCriterion.GlobalMinimum,
            maxAbsError,
            fit.Steps);
    }

    private static TrainingCheck RunTraining(long seed, string directory, List<string> figures, ILogger logger)
    {
        var options = TrainingDemonstrationOptions.CreateDefault(seed);
        var data = TrainingDemonstration.DefaultData;
        var result = TrainingDemonstration.Run(data, options, logger);

        SaveValueFigure(result, directory);
        figures.Add(ValueFigure);
        figures.AddRange(SavePhaseFigures(result.Phases, directory, logger));

        return new TrainingCheck(
            result.DataName,
            result.Seed,
            result.DiscriminatorOnlySteps,
            result.GeneratorSteps,
            result.DiscriminatorSteps,
            result.Samples,
            result.JensenShannonStart,
            result.JensenShannonEnd,
            result.JensenShannonFloor,
            $"p_g is a Gaussian kernel density estimate (Silverman's bandwidth) of {result.Samples} generated values; "
            + $"jsd_floor is the same measure for {result.Samples} exact samples of p_data, the part that comes from estimating the density",
            result.ValueEnd,
            result.DiscriminatorMeanEnd);
    }

    private static void SaveValueFigure(TrainingDemonstrationResult result, string directory)
    {
        var steps = result.Curve.Select(point => (long)point.Step).ToArray();
        var series = new Dictionary<string, IReadOnlyList<double>>
        {
            ["V̂ of the current D and G"] = result.Curve.Select(point => point.Value).ToArray(),
            ["C(G) = −ln 4 + 2 JSD(p_data ‖ p̂_g)"] = result.Curve.Select(point => point.Criterion).ToArray(),
        };
        SamplePlots.TrainingCurves(
            steps,
            series,
            Path.Combine(directory, ValueFigure),
            $"V̂ and C(G) while training on {result.DataName}",
            referenceValue: VirtualTrainingCriterion.GlobalMinimum,
            referenceLabel: "−ln 4, the minimum of C(G)",
            yLabel: "value");
    }

    /// <summary>Draws each phase and the row of all four, and returns the paths written.</summary>
    private static IEnumerable<string> SavePhaseFigures(IReadOnlyList<PhaseSnapshot> phases, string directory, ILogger logger)
    {
        if (phases.Count == 0)
        {
            return [];
        }

        var written = new List<string>();
        for (var index = 0; index < phases.Count; index++)
        {
            var name = $"{PhasesFolder}/phase-{(char)('a' + index)}.png";
            PhaseFigure.Save(phases[index], Path.Combine(directory, name));
            written.Add(name);
        }

        PhaseFigure.SaveRow(phases, Path.Combine(directory, PhasesFigure));
        written.Add(PhasesFigure);

        return written;
    }

    /// <summary>
    /// Creates the output folder and checks that it can be written, or throws when it is a file or a folder that is
    /// not empty. <see cref="Run"/> calls it too, so a caller needs it only to reject a bad folder before anything
    /// else.
    /// </summary>
    /// <returns>The folder's full path.</returns>
    /// <exception cref="IOException">The folder is a file, is not empty, or cannot be created or written.</exception>
    public static string PrepareOutputDirectory(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var directory = Path.GetFullPath(outputDirectory);
        if (File.Exists(directory))
        {
            throw new IOException($"Invalid output folder {directory}: it is a file. Choose a folder path.");
        }

        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"Invalid output folder {directory}: the folder is not empty. Choose a new folder or delete this one.");
        }

        try
        {
            // Writing one file now turns a folder that cannot be written into an error before the demonstrations
            // run, not after them.
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, ".write-probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"Cannot create the output folder {directory}: {exception.Message} Choose a writable folder.", exception);
        }

        return directory;
    }
}
