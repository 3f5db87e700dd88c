using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>Trains a <see cref="DigitClassifier"/> with Adam and the cross-entropy loss.</summary>
public static class DigitClassifierTraining
{
    private static readonly Lock GlobalSeedLock = new();

    /// <summary>Trains a new classifier on images [N, 1, 28, 28] with pixels in [0, 1] and their labels 0 to 9.</summary>
    /// <remarks>The same seed, data and options give the same weights on the same libtorch build and CPU.</remarks>
    public static DigitClassifier Train(Tensor images, IReadOnlyList<int> labels, DigitClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate();
        if (images.shape[0] != labels.Count || labels.Count == 0)
        {
            throw new ArgumentException($"Got {images.shape[0]} images but {labels.Count} labels; give one label per image.", nameof(labels));
        }

        DigitClassifier classifier;
        lock (GlobalSeedLock)
        {
            // The initial weights come from torch's global generator; nothing else in the training draws from it.
            random.manual_seed(options.Seed);
            classifier = new DigitClassifier();
        }

        using var order = new Generator((ulong)options.Seed + 1);
        using var labelTensor = tensor(labels.Select(label => (long)label).ToArray());
        using var optimizer = optim.Adam(classifier.parameters(), options.LearningRate);
        classifier.train();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            using var permutation = randperm(labels.Count, generator: order);
            for (var start = 0; start < labels.Count; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var indices = permutation.narrow(0, start, Math.Min(options.BatchSize, labels.Count - start));

                // Minimise the cross-entropy −ln softmax(logits)[label], computed from logits.
                var loss = nn.functional.cross_entropy(classifier.forward(images.index_select(0, indices)), labelTensor.index_select(0, indices));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        classifier.eval();
        return classifier;
    }
}
