using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Runtime;

/// <summary>Turns a <c>--device</c> value into a torch device, checking that it exists.</summary>
public static class DeviceSelection
{
    /// <summary>Returns the device for <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>, or throws with the fix.</summary>
    public static Device Resolve(string name)
    {
        var normalised = name.Trim().ToLowerInvariant();
        if (normalised == "cpu")
        {
            return CPU;
        }

        if (normalised == "cuda" || normalised.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new ArgumentException(
                    $"Invalid --device {name}: CUDA is not available. Use --device cpu, or build with a TorchSharp CUDA package (for example TorchSharp-cuda-linux) on a machine with an NVIDIA GPU.");
            }

            return device(normalised);
        }

        throw new ArgumentException($"Invalid --device {name}: use cpu, cuda or cuda:N.");
    }
}
