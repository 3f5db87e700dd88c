using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Convolutional generator G(z; θg) of Radford et al. (2015), "Unsupervised representation learning with deep
/// convolutional generative adversarial networks". A transposed convolution projects z to a small feature map,
/// and stride-2 transposed convolutions with batch normalisation and ReLU double its side up to the image, which a
/// tanh output puts in (−1, 1).
/// </summary>
/// <remarks>
/// For 64 × 64 images with base width w, the maps are 8w × 4 × 4, 4w × 8 × 8, 2w × 16 × 16, w × 32 × 32 and then
/// channels × 64 × 64. For 28 × 28, they are 2w × 7 × 7, w × 14 × 14 and then channels × 28 × 28.
/// </remarks>
public sealed class DcganGenerator : GeneratorModule
{
    private readonly Sequential net;

    /// <param name="options">Latent dimension and <see cref="ModelOptions.GeneratorBaseWidth"/>.</param>
    /// <param name="sampleShape">[channels, size, size] with a size that <see cref="DcganLayout.For"/> accepts.</param>
    /// <exception cref="ArgumentException">The shape is not a supported image shape.</exception>
    public DcganGenerator(ModelOptions options, long[] sampleShape)
        : base(nameof(DcganGenerator), options.LatentDim, sampleShape, OutputActivation.Tanh)
    {
        options.Validate();
        var layout = DcganLayout.For(sampleShape);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();

        // Projection: [N, latent, 1, 1] → [N, w·2^(stages−1), start, start].
        var width = DcganLayout.WidthOf(options.GeneratorBaseWidth, layout.Stages - 1);
        layers.Add(("project", nn.ConvTranspose2d(options.LatentDim, width, layout.StartSize, stride: 1, padding: 0, bias: false)));
        layers.Add(("project_norm", nn.BatchNorm2d(width)));
        layers.Add(("project_relu", nn.ReLU()));

        // Each hidden block halves the feature maps and doubles the side.
        for (var block = layout.Stages - 2; block >= 0; block--)
        {
            var next = DcganLayout.WidthOf(options.GeneratorBaseWidth, block);
            layers.Add(($"up{block}", nn.ConvTranspose2d(width, next, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"up{block}_norm", nn.BatchNorm2d(next)));
            layers.Add(($"up{block}_relu", nn.ReLU()));
            width = next;
        }

        // Output: [N, w, size/2, size/2] → [N, channels, size, size] in (−1, 1).
        layers.Add(("output", nn.ConvTranspose2d(width, layout.Channels, 4, stride: 2, padding: 1)));
        layers.Add(("output_tanh", nn.Tanh()));

        net = nn.Sequential(layers);
        RegisterComponents();
        DcganInitialization.Apply(this);
    }

    public override Tensor forward(Tensor noise)
    {
        // [N, latent] → [N, latent, 1, 1] → [N, channels, size, size]
        return net.forward(noise.view(noise.shape[0], noise.shape[1], 1, 1));
    }
}
