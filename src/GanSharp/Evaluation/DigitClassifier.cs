using static TorchSharp.torch;

namespace GanSharp.Evaluation;

/// <summary>
/// A small convolutional network that classifies 28 × 28 grey digits with pixels in [0, 1]. Its penultimate
/// layer, <see cref="FeatureCount"/> ReLU units, gives the features of the Fréchet digit distance and of
/// precision and recall.
/// </summary>
public sealed class DigitClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the penultimate layer.</summary>
    public const int FeatureCount = 128;

    /// <summary>Number of classes, the digits 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>Side of the square input images in pixels.</summary>
    public const int ImageSize = 28;

    private readonly nn.Module<Tensor, Tensor> features;
    private readonly nn.Module<Tensor, Tensor> head;

    public DigitClassifier() : base(nameof(DigitClassifier))
    {
        features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),   // [N, 16, 14, 14]
            nn.Conv2d(16, 32, 3, padding: 1), nn.ReLU(), nn.MaxPool2d(2),  // [N, 32, 7, 7]
            nn.Flatten(),                                                  // [N, 1568]
            nn.Linear(32 * 7 * 7, FeatureCount), nn.ReLU());               // [N, 128]
        head = nn.Linear(FeatureCount, ClassCount);                        // [N, 10] logits
        RegisterComponents();
    }

    /// <summary>Returns the penultimate features [N, <see cref="FeatureCount"/>] of images [N, 1, 28, 28].</summary>
    public Tensor Features(Tensor images) => features.forward(images);

    /// <summary>Returns the class logits [N, 10] of images [N, 1, 28, 28].</summary>
    public override Tensor forward(Tensor images) => head.forward(features.forward(images));

    /// <summary>Returns the predicted class of every image, a minibatch at a time, in evaluation mode without gradients.</summary>
    public int[] Predict(Tensor images, int batchSize = 500) =>
        MapBatches(images, batchSize, batch => forward(batch).argmax(1)).data<long>().Select(value => (int)value).ToArray();

    /// <summary>Returns the features [N, 128] of every image as a new tensor, a minibatch at a time, in evaluation mode.</summary>
    public Tensor ExtractFeatures(Tensor images, int batchSize = 500) => MapBatches(images, batchSize, Features);

    /// <summary>Returns the share of <paramref name="images"/> whose predicted class equals the label.</summary>
    public double Accuracy(Tensor images, IReadOnlyList<int> labels)
    {
        var predicted = Predict(images);
        if (predicted.Length != labels.Count)
        {
            throw new ArgumentException($"Got {predicted.Length} images but {labels.Count} labels.", nameof(labels));
        }

        return (double)predicted.Where((value, index) => value == labels[index]).Count() / predicted.Length;
    }

    private Tensor MapBatches(Tensor images, int batchSize, Func<Tensor, Tensor> map)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != ImageSize || images.shape[3] != ImageSize)
        {
            throw new ArgumentException(
                $"The digit classifier takes images [N, 1, 28, 28], but got [{string.Join(", ", images.shape)}].", nameof(images));
        }

        eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outputs = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            outputs.Add(map(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start))));
        }

        return cat(outputs, 0).MoveToOuterDisposeScope();
    }
}
