using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GanSharp.Data;
using GanSharp.Runtime;
using GanSharp.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>
/// Keeps the digit classifier trained on the training split of the bundled digits, so that <c>gansharp evaluate</c>
/// trains it once per machine. Each version lives in <c>CACHE/&lt;key&gt;/classifier.pt</c> with <c>classifier.json</c>
/// beside it, where the key is a hash of the architecture version, the options and the bundled files' contents.
/// </summary>
public static class DigitClassifierCache
{
    /// <summary>Version of the architecture and training code; raising it makes old cached weights unused.</summary>
    public const int Version = 1;

    public const string WeightsFileName = "classifier.pt";

    public const string InfoFileName = "classifier.json";

    /// <summary>Cache folder: <c>GANSHARP_CLASSIFIER_CACHE</c>, else <c>$XDG_CACHE_HOME/gansharp/classifier</c>, else <c>~/.cache/gansharp/classifier</c>.</summary>
    public static string DefaultDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("GANSHARP_CLASSIFIER_CACHE");
            if (!string.IsNullOrEmpty(overridden))
            {
                return overridden;
            }

            return Path.Combine(Path.GetDirectoryName(TorchNativeLoader.CacheDirectory.TrimEnd(Path.DirectorySeparatorChar))!, "classifier");
        }
    }

    /// <summary>
    /// Loads the cached classifier for <paramref name="options"/>, or trains it on the training split of the bundled
    /// digits and stores it. Either way it measures the accuracy on the bundled test split.
    /// </summary>
    /// <param name="options">Training options; part of the cache key.</param>
    /// <param name="cacheDirectory">Cache folder, or null for <see cref="DefaultDirectory"/>.</param>
    /// <param name="logger">Receives a message before a training starts, because it takes minutes.</param>
    public static CachedDigitClassifier LoadOrTrain(DigitClassifierOptions options, string? cacheDirectory = null, ILogger? logger = null)
    {
        options.Validate();
        var imagesPath = Path.Combine(DataSourceFactory.BundledMnistDirectory, "mnist-images-idx3-ubyte.gz");
        var labelsPath = Path.Combine(DataSourceFactory.BundledMnistDirectory, "mnist-labels-idx1-ubyte.gz");
        var key = ComputeKey(options, imagesPath, labelsPath);
        var folder = Path.Combine(cacheDirectory ?? DefaultDirectory, key);
        var weightsPath = Path.Combine(folder, WeightsFileName);

        DigitClassifier? classifier = null;
        var trained = false;
        double? trainingSeconds = null;
        if (File.Exists(weightsPath))
        {
            classifier = new DigitClassifier();
            try
            {
                ModuleFiles.Load(classifier, weightsPath);
                classifier.eval();
            }
            catch (InvalidDataException exception)
            {
                logger?.LogWarning("Cached digit classifier {Path} is damaged, so it is trained again: {Message}", weightsPath, exception.Message);
                classifier.Dispose();
                classifier = null;
            }
        }

        if (classifier is null)
        {
            logger?.LogInformation("Training the digit classifier on the training split once; it will be stored in {Folder}", folder);
            using var training = IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne, DataSplit.Train);
            var clock = Stopwatch.StartNew();
            classifier = DigitClassifierTraining.Train(training.Images, training.Labels!, options);
            trainingSeconds = clock.Elapsed.TotalSeconds;
            Directory.CreateDirectory(folder);
            ModuleFiles.Save(classifier, weightsPath);
            trained = true;
        }

        using var test = IdxImageDataSource.Load(imagesPath, labelsPath, PixelRange.ZeroToOne, DataSplit.Test);
        var accuracy = classifier.Accuracy(test.Images, test.Labels!);
        var info = new DigitClassifierInfo(Version, options, accuracy, test.Count, trainingSeconds);
        if (trained)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, InfoFileName), JsonSerializer.Serialize(info, RunConfiguration.JsonOptions) + "\n");
        }

        return new CachedDigitClassifier(classifier, weightsPath, trained, info);
    }

    private static string ComputeKey(DigitClassifierOptions options, string imagesPath, string labelsPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The text is culture-independent, so every machine computes the same key for the same options.
        var description = FormattableString.Invariant(
            $"digit-classifier v{Version} DigitClassifierOptions {{ Seed = {options.Seed}, Epochs = {options.Epochs}, BatchSize = {options.BatchSize}, LearningRate = {options.LearningRate} }}\n");
        hash.AppendData(Encoding.UTF8.GetBytes(description));
        hash.AppendData(File.ReadAllBytes(imagesPath));
        hash.AppendData(File.ReadAllBytes(labelsPath));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
