using System.Diagnostics;
using static TorchSharp.torch;

namespace GanSharp.Bench;

/// <summary>The arithmetic rate of a large float32 matrix product through libtorch: this machine's practical limit.</summary>
internal static class MatrixProductRate
{
    public const int Size = 1024;

    /// <summary>Median GFLOP/s of [Size × Size] · [Size × Size] products, 2 · Size³ operations each.</summary>
    public static Summary Measure(int repeats = 15)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(0);
        var left = randn(Size, Size, generator: generator);
        var right = randn(Size, Size, generator: generator);
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            Multiply(left, right);
        }

        var rates = new List<double>();
        var operations = 2.0 * Size * Size * Size;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var clock = Stopwatch.StartNew();
            Multiply(left, right);
            rates.Add(operations / clock.Elapsed.TotalSeconds / 1e9);
        }

        return Summary.Of(rates);
    }

    private static void Multiply(Tensor left, Tensor right)
    {
        using var product = left.matmul(right);
    }
}
