using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Bench;

/// <summary>
/// Floating-point operations of the linear and convolution layers in one training iteration, counted from the
/// layer shapes seen in one forward pass.
/// </summary>
/// <remarks>
/// A multiply-add counts as 2 operations. A layer's forward pass costs 2 · (output elements) · (weights per output
/// element) for linear and convolution layers, and 2 · (input elements) · (weights per input element) for
/// transposed convolutions. Its backward pass costs one forward for the weight gradient when the weights take
/// part in the update, and one forward for the input gradient when something before the layer needs a gradient.
/// Biases, activations, dropout, losses and the optimizer are not counted.
/// </remarks>
internal static class FlopCount
{
    /// <summary>Forward operations of each counted layer, in the order the forward pass reaches them.</summary>
    public static IReadOnlyList<double> LayerForwardFlops(nn.Module<Tensor, Tensor> network, Tensor input)
    {
        var flops = new List<double>();
        var removers = new List<Action>();
        foreach (var module in network.modules())
        {
            switch (module)
            {
                case Linear or Conv2d:
                    var forwardLayer = (nn.Module<Tensor, Tensor>)module;
                    var forwardHook = forwardLayer.register_forward_hook((layer, layerInput, output) =>
                    {
                        flops.Add(2.0 * output.numel() * WeightsPerRow(layer));
                        return output;
                    });
                    removers.Add(forwardHook.remove);
                    break;
                case ConvTranspose2d:
                    var transposedLayer = (nn.Module<Tensor, Tensor>)module;
                    var transposedHook = transposedLayer.register_forward_hook((layer, layerInput, output) =>
                    {
                        flops.Add(2.0 * layerInput.numel() * WeightsPerRow(layer));
                        return output;
                    });
                    removers.Add(transposedHook.remove);
                    break;
            }
        }

        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            network.forward(input);
        }

        foreach (var remove in removers)
        {
            remove();
        }

        return flops;
    }

    /// <summary>
    /// Operations of one iteration of Algorithm 1 with k discriminator steps on minibatches of m. Each discriminator
    /// step runs G forward without gradient, D forward on m real and m generated examples and D backward with
    /// weight gradients everywhere and input gradients after D's first layer. The generator step runs G and D
    /// forward, D backward with input gradients only (its weights are frozen), and G backward with weight gradients
    /// everywhere and input gradients after G's first layer.
    /// </summary>
    public static double PerIteration(IReadOnlyList<double> generator, IReadOnlyList<double> discriminator, int k)
    {
        var g = generator.Sum();
        var d = discriminator.Sum();
        var dAfterFirst = d - discriminator[0];
        var gAfterFirst = g - generator[0];

        var discriminatorStep = g + 2 * d + 2 * d + 2 * dAfterFirst;
        var generatorStep = g + d + d + g + gAfterFirst;
        return k * discriminatorStep + generatorStep;
    }

    private static double WeightsPerRow(nn.Module<Tensor, Tensor> layer)
    {
        var weight = layer.get_parameter("weight") ?? throw new InvalidOperationException($"Layer {layer.GetName()} has no weight.");
        return (double)weight.numel() / weight.shape[0];
    }
}
