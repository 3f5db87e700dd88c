using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Discriminator D(x; θd) of any architecture: maps a minibatch of examples of shape [N, ..<see cref="SampleShape"/>]
/// to N logits ℓ of shape [N], with D(x) = σ(ℓ).
/// </summary>
/// <remarks>
/// It returns logits, never probabilities, so that losses can use the stable softplus forms.
/// </remarks>
public abstract class DiscriminatorModule : nn.Module<Tensor, Tensor>
{
    private readonly long[] sampleShape;

    /// <param name="name">Module name, as TorchSharp records it.</param>
    /// <param name="sampleShape">Shape of one example.</param>
    protected DiscriminatorModule(string name, long[] sampleShape) : base(name)
    {
        this.sampleShape = sampleShape.ToArray();
    }

    /// <summary>Shape of one example, a copy.</summary>
    public long[] SampleShape => sampleShape.ToArray();
}
