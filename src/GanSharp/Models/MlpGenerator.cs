using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// Generator G(z; θg): a multilayer perceptron from noise of dimension <see cref="ModelOptions.LatentDim"/>
/// to one example of the data's shape.
/// </summary>
public sealed class MlpGenerator : GeneratorModule
{
    private readonly nn.Module<Tensor, Tensor> net;
    private readonly long[] sampleShape;

    public MlpGenerator(ModelOptions options, long[] sampleShape, OutputActivation outputActivation)
        : base(nameof(MlpGenerator), options.LatentDim, sampleShape, outputActivation)
    {
        options.Validate();
        this.sampleShape = sampleShape.ToArray();

        var layers = new List<nn.Module<Tensor, Tensor>>();
        long width = options.LatentDim;
        foreach (var hidden in options.GeneratorHidden)
        {
            layers.Add(nn.Linear(width, hidden));
            layers.Add(nn.ReLU());
            width = hidden;
        }

        layers.Add(nn.Linear(width, sampleShape.Aggregate(1L, (product, size) => product * size)));
        switch (outputActivation)
        {
            case OutputActivation.Sigmoid:
                layers.Add(nn.Sigmoid());
                break;
            case OutputActivation.Tanh:
                layers.Add(nn.Tanh());
                break;
        }

        net = nn.Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor noise)
    {
        // [N, latent] → [N, prod(sampleShape)] → [N, ..sampleShape]
        var flat = net.forward(noise);
        return flat.view([flat.shape[0], .. sampleShape]);
    }
}
