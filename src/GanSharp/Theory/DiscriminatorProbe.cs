using static TorchSharp.torch;

namespace GanSharp.Theory;

/// <summary>Evaluates a trained discriminator's probabilities D(x) = σ(ℓ(x)) at chosen points.</summary>
/// <remarks>
/// Every method switches the discriminator to evaluation mode, so dropout is off, and runs without gradient.
/// The discriminator stays in evaluation mode afterwards.
/// </remarks>
public static class DiscriminatorProbe
{
    /// <summary>Evaluates D at each of <paramref name="points"/> of a one-dimensional data space.</summary>
    public static double[] Evaluate(nn.Module<Tensor, Tensor> discriminator, double[] points)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        discriminator.eval();
        var input = tensor(points, dtype: float32).view(points.Length, 1).to(DeviceOf(discriminator));
        return discriminator.forward(input).sigmoid().cpu().to_type(float64).data<double>().ToArray();
    }

    /// <summary>
    /// Evaluates D in the plane at every point (xs[i], ys[j]) and returns the values indexed [i, j].
    /// </summary>
    public static double[,] Evaluate(nn.Module<Tensor, Tensor> discriminator, double[] xs, double[] ys)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        discriminator.eval();
        var coordinates = xs.SelectMany(x => ys.SelectMany(y => new[] { x, y })).ToArray();
        var input = tensor(coordinates, dtype: float32).view(xs.Length * ys.Length, 2).to(DeviceOf(discriminator));
        var flat = discriminator.forward(input).sigmoid().cpu().to_type(float64).data<double>().ToArray();

        var values = new double[xs.Length, ys.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            for (var j = 0; j < ys.Length; j++)
            {
                values[i, j] = flat[i * ys.Length + j];
            }
        }

        return values;
    }

    /// <summary>
    /// Returns max |D(x) − D*(x)| over <paramref name="points"/> evenly spaced x in <paramref name="region"/>, ends
    /// included.
    /// </summary>
    /// <param name="discriminator">A one-dimensional discriminator.</param>
    /// <param name="optimal">D*, for example from <see cref="OptimalDiscriminator.Create(Func{double, double}, Func{double, double})"/>.</param>
    /// <param name="region">Where to compare, for example the central 99 % of p_data from <see cref="CentralInterval.Containing"/>.</param>
    /// <param name="points">Number of evaluation points, at least 2.</param>
    public static double MaxAbsError(
        nn.Module<Tensor, Tensor> discriminator, Func<double, double> optimal, CentralInterval region, int points = 501)
    {
        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "Compare at 2 or more points, for example 501.");
        }

        var step = (region.Upper - region.Lower) / (points - 1);
        var xs = Enumerable.Range(0, points).Select(index => region.Lower + index * step).ToArray();
        var trained = Evaluate(discriminator, xs);
        return xs.Select((x, index) => Math.Abs(trained[index] - optimal(x))).Max();
    }

    /// <summary>Returns the device of the module's first parameter, or the CPU for a module without parameters.</summary>
    private static Device DeviceOf(nn.Module module) => module.parameters().FirstOrDefault()?.device ?? CPU;
}
