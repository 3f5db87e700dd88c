using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Runtime;
using GanSharp.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static System.FormattableString;
using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>
/// Measures a trained run with the metrics that apply to its data: the Parzen-window log-likelihood for images,
/// classifier-feature metrics and class coverage for the bundled digits, and mode coverage for <c>ring8</c> and
/// <c>grid25</c>. The generated samples come from <see cref="RunFolder.Generate"/>, the code path of
/// <c>gansharp sample</c>.
/// </summary>
public static class RunEvaluator
{
    /// <summary>Bandwidths of the Parzen estimate: 0.1 to 1 in 10 log-spaced steps, the grid of the 2014 protocol.</summary>
    public static IReadOnlyList<double> ParzenSigmas { get; } = ParzenWindow.LogSpacedGrid(0.1, 1.0, 10);

    /// <summary>Options of <c>evaluation.json</c>: those of config.json, with σ, ± and ‖ written as themselves, not escaped.</summary>
    private static readonly JsonSerializerOptions ReportJsonOptions = new(RunConfiguration.JsonOptions)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Point data sets with mode-coverage metrics.</summary>
    public static IReadOnlyList<string> ModeCoverageData { get; } = ["ring8", "grid25"];

    /// <summary>Evaluates the run and returns the report; <see cref="Write"/> stores it.</summary>
    /// <exception cref="ArgumentException">No metric applies to the run's data, or an option is invalid.</exception>
    /// <exception cref="FileNotFoundException">The run has no generator weights, or a data file is missing.</exception>
    public static EvaluationReport Evaluate(RunFolder run, EvaluationOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        if (options.SampleCount is < 2)
        {
            throw new ArgumentException($"Invalid --samples {options.SampleCount}: use a whole number of at least 2.");
        }

        var clock = Stopwatch.StartNew();
        var data = run.Configuration.Data;
        var isImage = run.Shape.DataKind == DataKind.Image;
        if (!isImage && !ModeCoverageData.Contains(data.Name))
        {
            // Point files have no known density, so their metrics.csv has no jsd column to point to.
            var alternative = data.Name == DataOptions.Points
                ? "Compare the sample pictures in the run's samples folder with the file's points."
                : "For 1-D data, read the jsd column of the run's metrics.csv.";
            throw new ArgumentException(
                $"No evaluation metric applies to --data {data.Name}: gansharp evaluate measures image runs and the point data {string.Join(" and ", ModeCoverageData)}. "
                + alternative);
        }

        if (!isImage && options.TestDataPath is not null)
        {
            throw new ArgumentException($"Invalid --test-data {options.TestDataPath} for a {data.Name} run: test images belong to image runs. Drop --test-data.");
        }

        if (isImage && data.Name is not (DataOptions.Mnist or DataOptions.Idx))
        {
            throw new ArgumentException(
                $"No evaluation metric applies to --data {data.Name} yet: the metrics need an IDX image file with held-out images. Train on mnist or idx.");
        }

        var notes = new List<string>();
        if (isImage)
        {
            var (parzen, digits) = EvaluateImages(run, options, notes, logger);
            return new EvaluationReport(run.Directory, data.Name, DataSplitRule.Name(data.Split), options.Seed, clock.Elapsed.TotalSeconds,
                parzen, digits, null, notes.ToArray());
        }

        var modes = EvaluatePoints(run, options);
        return new EvaluationReport(run.Directory, data.Name, DataSplitRule.Name(data.Split), options.Seed, clock.Elapsed.TotalSeconds,
            null, null, modes, notes.ToArray());
    }

    /// <summary>Writes <c>evaluation.json</c> and <c>evaluation.md</c> into the run folder, each atomically.</summary>
    public static void Write(EvaluationReport report, string runDirectory)
    {
        AtomicFile.WriteAllText(Path.Combine(runDirectory, EvaluationReport.JsonFileName),
            JsonSerializer.Serialize(report, ReportJsonOptions) + "\n");
        AtomicFile.WriteAllText(Path.Combine(runDirectory, EvaluationReport.MarkdownFileName), EvaluationMarkdown.Format(report));
    }

    private static PointModeEvaluation EvaluatePoints(RunFolder run, EvaluationOptions options)
    {
        var mixture = BuiltInDistributions.Create(run.Configuration.Data.Name);
        var count = options.SampleCount ?? EvaluationOptions.DefaultPointSamples;
        using var samples = run.Generate(count, options.Seed);
        using var values = samples.to_type(ScalarType.Float64);
        var flat = values.data<double>().ToArray();
        var dimension = (int)samples.shape[1];
        var points = Enumerable.Range(0, count).Select(row => flat.AsSpan(row * dimension, dimension).ToArray()).ToArray();
        var result = ModeCoverage.Evaluate(points, mixture.Means, mixture.StandardDeviation);
        var protocol = Invariant($"{count} generated points; a point is of high quality within {ModeCoverage.HighQualityStandardDeviations} standard deviations ")
                       + Invariant($"({ModeCoverage.HighQualityStandardDeviations * mixture.StandardDeviation}) of its nearest of {mixture.Means.Count} modes; ")
                       + "a mode is covered with at least one high-quality point; KL of the high-quality points' mode histogram from uniform, in nats.";
        return new PointModeEvaluation(protocol, mixture.StandardDeviation, result);
    }

    private static (ParzenEvaluation Parzen, DigitFeatureEvaluation? Digits) EvaluateImages(
        RunFolder run, EvaluationOptions options, List<string> notes, ILogger logger)
    {
        var data = run.Configuration.Data;
        var (imagesPath, labelsPath) = ImageFiles(data);
        var count = options.SampleCount ?? EvaluationOptions.DefaultImageSamples;
        var digitMetricsApply = data.Name == DataOptions.Mnist
                                && run.Shape.SampleShape.SequenceEqual([1L, DigitClassifier.ImageSize, DigitClassifier.ImageSize]);
        if (digitMetricsApply && count <= PrecisionRecall.DefaultK)
        {
            throw new ArgumentException(
                $"Invalid --samples {count}: precision and recall with k = {PrecisionRecall.DefaultK} need at least {PrecisionRecall.DefaultK + 1} samples. Use --samples {PrecisionRecall.DefaultK + 1} or more.");
        }

        using var scope = NewDisposeScope();
        var generated = ToUnitRange(run.Generate(count, options.Seed), run.Configuration.Model.Design);
        using var validation = IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne, DataSplit.Validation);
        using var test = options.TestDataPath is { } testPath
            ? IdxImageDataSource.Load(testPath, null, PixelRange.ZeroToOne)
            : IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne, DataSplit.Test);
        if (!test.SampleShape.SequenceEqual(run.Shape.SampleShape))
        {
            throw new ArgumentException(
                $"Invalid --test-data {options.TestDataPath}: its images are [{string.Join(", ", test.SampleShape)}] but the run generates "
                + $"[{string.Join(", ", run.Shape.SampleShape)}]. Pass images of the run's size.");
        }

        if (validation.Count < 1 || test.Count < 2)
        {
            var fix = validation.Count < 1 ? "Train on a file of 20 or more images." : "Pass --test-data with 2 or more images.";
            throw new ArgumentException(options.TestDataPath is not null && validation.Count >= 1
                ? $"Invalid --test-data {options.TestDataPath}: it holds {test.Count} image, but the Parzen estimate's standard error needs at least 2. Pass a file of 2 or more images."
                : $"Too few images in {imagesPath} to evaluate: its validation split (index mod 10 = 8) holds {validation.Count} and its test split "
                  + $"(index mod 10 = 9) {test.Count}, but the Parzen estimate needs at least 1 and 2. {fix}");
        }

        var seenInTraining = data.Split == DataSplit.All;
        if (seenInTraining)
        {
            var warning = $"The run trained on all images of its file (split 'all'), so the validation{(options.TestDataPath is null ? " and test" : "")} "
                          + "images were seen in training and the Parzen estimate is optimistic. Train with --split train for an honest number.";
            notes.Add(warning);
            logger.LogWarning("{Warning}", warning);
        }

        using var training = IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne, DataSplit.Train);
        var parzen = EvaluateParzen(generated, training, validation, test, imagesPath, options.TestDataPath, seenInTraining && options.TestDataPath is null);
        if (!digitMetricsApply)
        {
            notes.Add("The digit-classifier metrics apply to runs on the bundled digits (--data mnist) only, so they were left out.");
            return (parzen, null);
        }

        return (parzen, EvaluateDigitFeatures(generated, options, logger));
    }

    private static ParzenEvaluation EvaluateParzen(
        Tensor generated, IdxImageDataSource training, IdxImageDataSource validation, IdxImageDataSource test, string imagesPath,
        string? testPath, bool seenInTraining)
    {
        using var centres = generated.flatten(1);
        using var trainingCentres = training.Images.flatten(1);
        using var validationPoints = validation.Images.flatten(1);
        using var testPoints = test.Images.flatten(1);
        var result = ParzenWindow.Evaluate(centres, validationPoints, testPoints, ParzenSigmas);
        var realReference = ParzenWindow.Evaluate(trainingCentres, validationPoints, testPoints, ParzenSigmas);
        var protocol = Invariant($"Gaussian Parzen window on {result.CentreCount} generated images as kernel centres, in pixel space; σ from ")
                       + Invariant($"{result.Sigmas.Length} log-spaced values from {result.Sigmas[0]} to {result.Sigmas[^1]} by the best mean log-likelihood of ")
                       + Invariant($"{result.ValidationCount} validation images; reported: mean log-likelihood of {result.TestCount} test images, in nats, ± its standard error.");
        return new ParzenEvaluation(
            protocol,
            "[0, 1]",
            $"{imagesPath}, validation split (index mod 10 = 8), {result.ValidationCount} images",
            testPath is null
                ? $"{imagesPath}, test split (index mod 10 = 9), {result.TestCount} images"
                : $"{Path.GetFullPath(testPath)}, all {result.TestCount} images",
            seenInTraining,
            result,
            $"{imagesPath}, training split (index mod 10 = 0 to 7), {realReference.CentreCount} images",
            realReference);
    }

    private static DigitFeatureEvaluation EvaluateDigitFeatures(Tensor generated, EvaluationOptions options, ILogger logger)
    {
        var cached = DigitClassifierCache.LoadOrTrain(options.Classifier ?? new DigitClassifierOptions(), options.ClassifierCacheDirectory, logger);
        using var classifier = cached.Classifier;
        var bundled = Path.Combine(DataSourceFactory.BundledMnistDirectory, "mnist-images-idx3-ubyte.gz");
        var bundledLabels = Path.Combine(DataSourceFactory.BundledMnistDirectory, "mnist-labels-idx1-ubyte.gz");
        using var reference = IdxImageDataSource.Load(bundled, bundledLabels, PixelRange.ZeroToOne, DataSplit.Train);
        using var test = IdxImageDataSource.Load(bundled, bundledLabels, PixelRange.ZeroToOne, DataSplit.Test);

        using var scope = NewDisposeScope();
        var generatedFeatures = classifier.ExtractFeatures(generated);
        var referenceFeatures = classifier.ExtractFeatures(reference.Images);
        var testFeatures = classifier.ExtractFeatures(test.Images);
        var frechet = FrechetDistance.Compute(generatedFeatures, referenceFeatures);
        var frechetOfTest = FrechetDistance.Compute(testFeatures, referenceFeatures);

        // The k-NN radii shrink as a set grows, so precision and recall compare sets of equal size.
        var pairCount = (int)Math.Min(generatedFeatures.shape[0], referenceFeatures.shape[0]);
        var precisionRecall = PrecisionRecall.Compute(referenceFeatures.narrow(0, 0, pairCount), generatedFeatures.narrow(0, 0, pairCount));
        var coverage = ClassCoverage.Evaluate(classifier.Predict(generated), DigitClassifier.ClassCount);

        return new DigitFeatureEvaluation(
            $"GanSharp digit classifier (2 convolution layers, {DigitClassifier.FeatureCount} ReLU features in the penultimate layer), trained on the training split of the bundled digits",
            cached.Info,
            cached.WeightsPath,
            $"training split of the bundled digits (index mod 10 = 0 to 7), {reference.Count} images",
            (int)generated.shape[0],
            reference.Count,
            frechet,
            frechetOfTest,
            precisionRecall,
            coverage);
    }

    /// <summary>Maps generated images to pixels in [0, 1]: a tanh output in [−1, 1] becomes (x + 1) / 2.</summary>
    private static Tensor ToUnitRange(Tensor images, ModelDesign design) =>
        GanModelFactory.PixelRangeFor(design) == PixelRange.MinusOneToOne ? images.add(1).div_(2) : images;

    private static (string Images, string? Labels) ImageFiles(DataOptions data)
    {
        if (data.Name == DataOptions.Mnist)
        {
            var labels = data.LabelsPath ?? Path.Combine(DataSourceFactory.BundledMnistDirectory, "mnist-labels-idx1-ubyte.gz");
            return (data.Path ?? Path.Combine(DataSourceFactory.BundledMnistDirectory, "mnist-images-idx3-ubyte.gz"), File.Exists(labels) ? labels : null);
        }

        return (data.Path!, data.LabelsPath);
    }
}
