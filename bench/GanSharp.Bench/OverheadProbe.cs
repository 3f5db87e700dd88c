using System.Diagnostics;
using GanSharp.Data;
using static TorchSharp.torch;

namespace GanSharp.Bench;

/// <summary>Costs around the kernels: one operation's dispatch, and drawing one real minibatch.</summary>
internal static class OverheadProbe
{
    /// <summary>Microseconds per in-place add on a one-element tensor, the cost of one operation's dispatch.</summary>
    public static double OperationMicroseconds(int repeats = 200_000)
    {
        using var tensor = zeros(1);
        for (var warmUp = 0; warmUp < 1000; warmUp++)
        {
            tensor.add_(1);
        }

        var clock = Stopwatch.StartNew();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            tensor.add_(1);
        }

        return clock.Elapsed.TotalMicroseconds / repeats;
    }

    /// <summary>Microseconds to draw one real minibatch of <paramref name="batchSize"/> from <paramref name="data"/>.</summary>
    public static double SampleMicroseconds(IDataSource data, int batchSize, int repeats = 2000)
    {
        using var generator = new Generator(0);
        var clock = new Stopwatch();
        for (var repeat = -100; repeat < repeats; repeat++)
        {
            if (repeat == 0)
            {
                clock.Start();
            }

            using var batch = data.Sample(batchSize, generator);
        }

        return clock.Elapsed.TotalMicroseconds / repeats;
    }
}
