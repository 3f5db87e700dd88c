using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>Draws noise vectors z ~ p_z.</summary>
public static class NoiseSampler
{
    /// <summary>Draws a [count, latentDim] float32 tensor of noise on <paramref name="device"/>.</summary>
    public static Tensor Sample(NoisePrior prior, int count, int latentDim, Generator generator, Device device)
    {
        // The draw happens on the CPU with the seeded generator, so runs on any device see the same noise.
        var noise = empty(count, latentDim);
        Fill(prior, noise, generator);
        return device.type == TorchSharp.DeviceType.CPU ? noise : noise.to(device);
    }

    /// <summary>
    /// Overwrites <paramref name="noise"/>, a float32 tensor on the CPU, with fresh noise. For the same generator
    /// state it contains the same numbers as <see cref="Sample"/> returns.
    /// </summary>
    public static void Fill(NoisePrior prior, Tensor noise, Generator generator)
    {
        switch (prior)
        {
            case NoisePrior.Normal:
                noise.normal_(generator: generator);
                break;
            case NoisePrior.Uniform:
                noise.uniform_(0, 1, generator: generator).mul_(2).sub_(1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(prior), prior, "Unknown noise prior.");
        }
    }
}
