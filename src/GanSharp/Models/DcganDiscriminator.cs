using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Convolutional discriminator D(x; θd) of Radford et al. (2015): stride-2 convolutions with LeakyReLU(0.2), batch
/// normalisation from the second block on, and a last convolution over the smallest feature map that gives one logit.
/// </summary>
/// <remarks>
/// For 64 × 64 images with base width w, the maps are w × 32 × 32, 2w × 16 × 16, 4w × 8 × 8 and 8w × 4 × 4.
/// A 4 × 4 convolution then gives the logit. For 28 × 28, the maps are w × 14 × 14 and 2w × 7 × 7, and the last
/// convolution is 7 × 7.
/// </remarks>
public sealed class DcganDiscriminator : DiscriminatorModule
{
    private readonly Sequential net;

    /// <param name="options"><see cref="ModelOptions.DiscriminatorBaseWidth"/>.</param>
    /// <param name="sampleShape">[channels, size, size] with a size that <see cref="DcganLayout.For"/> accepts.</param>
    /// <exception cref="ArgumentException">The shape is not a supported image shape.</exception>
    public DcganDiscriminator(ModelOptions options, long[] sampleShape) : base(nameof(DcganDiscriminator), sampleShape)
    {
        options.Validate();
        var layout = DcganLayout.For(sampleShape);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();

        // First block, without batch normalisation: [N, channels, size, size] → [N, w, size/2, size/2].
        long width = options.DiscriminatorBaseWidth;
        layers.Add(("down0", nn.Conv2d(layout.Channels, width, 4, stride: 2, padding: 1)));
        layers.Add(("down0_relu", nn.LeakyReLU(0.2)));

        // Each further block doubles the feature maps and halves the side, down to [N, w·2^(stages−1), start, start].
        for (var block = 1; block < layout.Stages; block++)
        {
            var next = DcganLayout.WidthOf(options.DiscriminatorBaseWidth, block);
            layers.Add(($"down{block}", nn.Conv2d(width, next, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"down{block}_norm", nn.BatchNorm2d(next)));
            layers.Add(($"down{block}_relu", nn.LeakyReLU(0.2)));
            width = next;
        }

        // Logit: a convolution as large as the smallest map, [N, w·2^(stages−1), start, start] → [N, 1, 1, 1].
        layers.Add(("logit", nn.Conv2d(width, 1, layout.StartSize, stride: 1, padding: 0L)));

        net = nn.Sequential(layers);
        RegisterComponents();
        DcganInitialization.Apply(this);
    }

    public override Tensor forward(Tensor input)
    {
        // [N, channels, size, size] → [N, 1, 1, 1] → [N]
        return net.forward(input).flatten();
    }
}
