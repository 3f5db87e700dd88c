namespace GanSharp.Evaluation;

/// <summary>How <see cref="RunEvaluator"/> measures a run.</summary>
/// <param name="Seed">Seed of the generator's noise.</param>
/// <param name="SampleCount">Generated samples, or null for the protocol's count: 10,000 for images, 2,500 for points.</param>
/// <param name="TestDataPath">
/// IDX image file whose images replace the test split in the Parzen estimate, for example the 10,000 images of the
/// MNIST test set. Null uses the test split of the run's own image file.
/// </param>
/// <param name="Classifier">Training options of the digit classifier.</param>
/// <param name="ClassifierCacheDirectory">Folder of cached classifiers, or null for <see cref="DigitClassifierCache.DefaultDirectory"/>.</param>
public sealed record EvaluationOptions(
    long Seed = 0,
    int? SampleCount = null,
    string? TestDataPath = null,
    DigitClassifierOptions? Classifier = null,
    string? ClassifierCacheDirectory = null)
{
    /// <summary>Generated images of the 2014 Parzen protocol, also used for the classifier metrics.</summary>
    public const int DefaultImageSamples = 10_000;

    /// <summary>Generated points of the mode-coverage protocol of the VEEGAN and PacGAN experiments.</summary>
    public const int DefaultPointSamples = 2_500;
}
