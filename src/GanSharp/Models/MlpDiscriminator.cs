using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Discriminator D(x; θd): a multilayer perceptron from one example to one logit ℓ, with D(x) = σ(ℓ).
/// It returns logits, never probabilities, so that losses can use the stable softplus forms.
/// </summary>
public sealed class MlpDiscriminator : DiscriminatorModule
{
    private readonly nn.Module<Tensor, Tensor> net;

    public MlpDiscriminator(ModelOptions options, long[] sampleShape) : base(nameof(MlpDiscriminator), sampleShape)
    {
        options.Validate();
        var layers = new List<nn.Module<Tensor, Tensor>>();
        long width = sampleShape.Aggregate(1L, (product, size) => product * size);
        foreach (var hidden in options.DiscriminatorHidden)
        {
            if (options.Design == ModelDesign.Goodfellow2014)
            {
                layers.Add(new Maxout(width, hidden, options.MaxoutPieces));
            }
            else
            {
                layers.Add(nn.Linear(width, hidden));
                layers.Add(nn.LeakyReLU(0.2));
            }

            if (options.Dropout > 0)
            {
                layers.Add(nn.Dropout(options.Dropout));
            }

            width = hidden;
        }

        layers.Add(nn.Linear(width, 1));
        net = nn.Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        // [N, ..sampleShape] → [N, features] → [N, 1] → [N]
        var flat = input.flatten(1);
        return net.forward(flat).squeeze(-1);
    }
}
