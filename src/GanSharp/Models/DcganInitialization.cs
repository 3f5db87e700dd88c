using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanSharp.Models;

/// <summary>
/// The initial weights of Radford et al. (2015): convolution weights from N(0, 0.02²), batch-normalisation scales
/// from N(1, 0.02²), and every bias 0. The draws come from torch's global generator, so its seed fixes them.
/// </summary>
internal static class DcganInitialization
{
    /// <summary>Standard deviation of every initial draw.</summary>
    public const double StandardDeviation = 0.02;

    public static void Apply(nn.Module network)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d convolution:
                    nn.init.normal_(convolution.weight, 0, StandardDeviation);
                    ZeroBias(convolution.bias);
                    break;
                case ConvTranspose2d transposed:
                    nn.init.normal_(transposed.weight, 0, StandardDeviation);
                    ZeroBias(transposed.bias);
                    break;
                case BatchNorm2d normalisation:
                    nn.init.normal_(normalisation.weight, 1, StandardDeviation);
                    ZeroBias(normalisation.bias);
                    break;
            }
        }
    }

    private static void ZeroBias(Tensor? bias)
    {
        if (bias is not null)
        {
            nn.init.zeros_(bias);
        }
    }
}
