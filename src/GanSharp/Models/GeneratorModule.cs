using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Generator G(z; θg) of any architecture: maps a minibatch of noise of shape [N, <see cref="LatentDim"/>] to
/// N examples of shape [N, ..<see cref="SampleShape"/>].
/// </summary>
/// <remarks>
/// Training calls <c>train()</c> and everything that generates for output calls <c>eval()</c>, so layers such as
/// batch normalisation use their running statistics and each example depends only on its own noise.
/// </remarks>
public abstract class GeneratorModule : nn.Module<Tensor, Tensor>
{
    private readonly long[] sampleShape;

    /// <param name="name">Module name, as TorchSharp records it.</param>
    /// <param name="latentDim">Dimension of the noise vector z.</param>
    /// <param name="sampleShape">Shape of one generated example.</param>
    /// <param name="outputActivation">Activation of the last layer.</param>
    protected GeneratorModule(string name, int latentDim, long[] sampleShape, OutputActivation outputActivation)
        : base(name)
    {
        LatentDim = latentDim;
        this.sampleShape = sampleShape.ToArray();
        OutputActivation = outputActivation;
    }

    /// <summary>Activation of the last layer, which sets the range of generated values.</summary>
    public OutputActivation OutputActivation { get; }

    /// <summary>Dimension of the noise vector z.</summary>
    public int LatentDim { get; }

    /// <summary>Shape of one generated example, a copy.</summary>
    public long[] SampleShape => sampleShape.ToArray();
}
