using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>Draws noise vectors z ~ p_z.</summary>
public static class NoiseSampler
{
    /// <summary>Draws a [count, latentDim] float32 tensor of noise on <paramref name="device"/>.</summary>
    public static Tensor Sample(NoisePrior prior, int count, int latentDim, Generator generator, Device device)
    {
        // The draw happens on the CPU with the seeded generator, so runs on any device see the same noise.
        var noise = prior switch
        {
            NoisePrior.Normal => randn(count, latentDim, generator: generator),
            NoisePrior.Uniform => rand(count, latentDim, generator: generator) * 2 - 1,
            _ => throw new ArgumentOutOfRangeException(nameof(prior), prior, "Unknown noise prior."),
        };
        return device.type == TorchSharp.DeviceType.CPU ? noise : noise.to(device);
    }
}
