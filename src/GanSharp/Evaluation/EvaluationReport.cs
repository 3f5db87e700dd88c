namespace GanSharp.Evaluation;

/// <summary>Everything <c>gansharp evaluate</c> measured on one run, written as <c>evaluation.json</c>.</summary>
/// <param name="Run">The run folder.</param>
/// <param name="Data">The run's data name, for example <c>mnist</c> or <c>ring8</c>.</param>
/// <param name="TrainingSplit">The part of the image file the run trained on, or <c>all</c>.</param>
/// <param name="Seed">Seed of the noise of the generated samples; <c>gansharp sample</c> with the same seed draws the same samples.</param>
/// <param name="Seconds">Time the evaluation took.</param>
/// <param name="Parzen">Parzen-window log-likelihood, for image runs.</param>
/// <param name="DigitFeatures">Classifier-feature metrics and class coverage, for runs on the bundled digits.</param>
/// <param name="ModeCoverage">Mode coverage, for <c>ring8</c> and <c>grid25</c> runs.</param>
/// <param name="Notes">What the reader should know about the protocol, such as metrics left out and why.</param>
public sealed record EvaluationReport(
    string Run,
    string Data,
    string TrainingSplit,
    long Seed,
    double Seconds,
    ParzenEvaluation? Parzen,
    DigitFeatureEvaluation? DigitFeatures,
    PointModeEvaluation? ModeCoverage,
    string[] Notes)
{
    public const string JsonFileName = "evaluation.json";

    public const string MarkdownFileName = "evaluation.md";
}

/// <summary>The Parzen-window log-likelihood of a run and its protocol.</summary>
/// <param name="Protocol">One-line description of the protocol.</param>
/// <param name="PixelRange">Range of the pixels in the estimate, whatever the generator's output range.</param>
/// <param name="ValidationData">Where the validation images come from.</param>
/// <param name="TestData">Where the test images come from.</param>
/// <param name="ReferenceSeenInTraining">True when the run trained on the validation or test images, which inflates the estimate.</param>
/// <param name="Result">Bandwidth grid, validation means, chosen σ, and the test mean with its standard error, in nats.</param>
/// <param name="RealCentresData">The real images used as kernel centres in <paramref name="RealCentres"/>.</param>
/// <param name="RealCentres">
/// The same protocol with real training images in place of the generated ones: the value a generator that
/// reproduced its training images would get, as a scale for <paramref name="Result"/>.
/// </param>
public sealed record ParzenEvaluation(
    string Protocol,
    string PixelRange,
    string ValidationData,
    string TestData,
    bool ReferenceSeenInTraining,
    ParzenResult Result,
    string RealCentresData,
    ParzenResult RealCentres);

/// <summary>Metrics in the feature space of the digit classifier, and the class coverage of the samples.</summary>
/// <param name="FeatureExtractor">The network and layer that give the features.</param>
/// <param name="Classifier">How the classifier was trained, where its weights are, and its test-split accuracy.</param>
/// <param name="ClassifierWeights">File of the classifier's weights.</param>
/// <param name="Reference">The real images the generated ones are compared with.</param>
/// <param name="GeneratedCount">Generated images behind the Fréchet digit distance and the class coverage.</param>
/// <param name="ReferenceCount">Real images behind the Fréchet digit distance.</param>
/// <param name="FrechetDigitDistance">
/// Fréchet distance between Gaussians fitted to the classifier features of the generated and the reference
/// images. It is not the Inception FID and cannot be compared with published FID numbers.
/// </param>
/// <param name="FrechetDigitDistanceOfTestSplit">
/// The same distance from the 1,000 real test-split digits to the reference: the value of real data of that
/// sample size, as a scale for the generator's number.
/// </param>
/// <param name="PrecisionRecall">k-NN precision and recall against the reference, with equal set sizes.</param>
/// <param name="ClassCoverage">Histogram of the classifier's predictions over the generated images.</param>
public sealed record DigitFeatureEvaluation(
    string FeatureExtractor,
    DigitClassifierInfo Classifier,
    string ClassifierWeights,
    string Reference,
    int GeneratedCount,
    int ReferenceCount,
    double FrechetDigitDistance,
    double FrechetDigitDistanceOfTestSplit,
    PrecisionRecallResult PrecisionRecall,
    ClassCoverageResult ClassCoverage);

/// <summary>Mode coverage of a run on a built-in Gaussian mixture.</summary>
/// <param name="Protocol">One-line description of the protocol.</param>
/// <param name="ModeStandardDeviation">Standard deviation of each mode of the real data.</param>
/// <param name="Result">Modes covered, high-quality share, KL from uniform and the per-mode counts.</param>
public sealed record PointModeEvaluation(string Protocol, double ModeStandardDeviation, ModeCoverageResult Result);
