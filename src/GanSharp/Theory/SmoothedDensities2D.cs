using GanSharp.Data;

namespace GanSharp.Theory;

/// <summary>
/// A p_data and p_g in the plane seen through the same Gaussian kernel φ_h on a grid: the kernel density estimate
/// p̂_g of generated points, and p_data * φ_h in closed form.
/// </summary>
/// <remarks>
/// <see cref="SmoothedDensities1D"/> explains why both densities are smoothed. The bandwidth is Scott's rule
/// σ̄ n^(−1/6), with σ̄² the mean of p_data's variances along the two axes, the same on both axes.
/// NOTE: for ring8 and grid25 that h (0.14 and 0.54 for 20,000 points) is far wider than the modes (0.01 and 0.05).
/// The divergence then shows missing or extra modes clearly, but hardly a mode that is too wide or too narrow.
/// </remarks>
public sealed class SmoothedDensities2D
{
    /// <summary>Most subintervals along each axis. A wider spread of points coarsens the grid and widens the kernel.</summary>
    public const int MaxIntervals = 512;

    // Nodes per bandwidth: the grid step is h / 4. That is half as fine as in 1-D, which keeps a measurement to a
    // few milliseconds. With 20,000 exact samples of ring8 and grid25 the divergence still stays below 2e−4.
    private const int NodesPerBandwidth = 4;

    private SmoothedDensities2D(
        IntegrationRange xRange, IntegrationRange yRange, double bandwidth, double[,] dataDensity, double[,] generatorDensity)
    {
        XRange = xRange;
        YRange = yRange;
        Bandwidth = bandwidth;
        DataDensity = dataDensity;
        GeneratorDensity = generatorDensity;
    }

    /// <summary>The grid's first axis.</summary>
    public IntegrationRange XRange { get; }

    /// <summary>The grid's second axis.</summary>
    public IntegrationRange YRange { get; }

    /// <summary>The kernel standard deviation h along each axis, in data units.</summary>
    public double Bandwidth { get; }

    /// <summary>(p_data * φ_h)(xᵢ, yⱼ), indexed [i, j].</summary>
    public double[,] DataDensity { get; }

    /// <summary>The kernel density estimate p̂_g(xᵢ, yⱼ), indexed [i, j].</summary>
    public double[,] GeneratorDensity { get; }

    /// <summary>Returns Scott's rule σ̄ n^(−1/6) for n points of <paramref name="data"/>.</summary>
    public static double DefaultBandwidth(GaussianMixture data, int sampleCount)
    {
        var xDeviation = data.AxisStandardDeviation(0);
        var yDeviation = data.AxisStandardDeviation(1);
        var meanDeviation = Math.Sqrt((xDeviation * xDeviation + yDeviation * yDeviation) / 2);
        return meanDeviation * Math.Pow(sampleCount, -1.0 / 6);
    }

    /// <summary>Estimates both smoothed densities from generated points (<paramref name="x"/>[k], <paramref name="y"/>[k]).</summary>
    /// <param name="data">A p_data in the plane.</param>
    /// <param name="x">First coordinate of each generated point, finite.</param>
    /// <param name="y">Second coordinate of each generated point, finite.</param>
    /// <param name="bandwidth">The kernel width h; by default <see cref="DefaultBandwidth"/>.</param>
    /// <exception cref="ArgumentException">The data is not two-dimensional, or a coordinate is not finite.</exception>
    public static SmoothedDensities2D Estimate(GaussianMixture data, double[] x, double[] y, double? bandwidth = null)
    {
        if (data.Kind != DataKind.Points2D)
        {
            throw new ArgumentException($"Expected data in the plane, but {data.Name} has dimension {data.SampleShape[0]}.", nameof(data));
        }

        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Got {x.Length} first and {y.Length} second coordinates; give one of each per point.", nameof(y));
        }

        SmoothedDensities1D.RequireSample(x, nameof(x));
        SmoothedDensities1D.RequireSample(y, nameof(y));
        var h = bandwidth ?? DefaultBandwidth(data, x.Length);
        if (!(h > 0) || double.IsInfinity(h))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), h, "The bandwidth must be positive and finite.");
        }

        // Both axes share one bandwidth, so the wider of the two grids decides it.
        var xMeans = data.Means.Select(mean => mean[0]).ToArray();
        var yMeans = data.Means.Select(mean => mean[1]).ToArray();
        var (xLower, xUpper) = (Math.Min(xMeans.Min(), x.Min()), Math.Max(xMeans.Max(), x.Max()));
        var (yLower, yUpper) = (Math.Min(yMeans.Min(), y.Min()), Math.Max(yMeans.Max(), y.Max()));
        var sigma = data.StandardDeviation;
        h = Math.Max(
            SmoothedDensities1D.CreateGrid(xLower, xUpper, sigma, h, NodesPerBandwidth, MaxIntervals).Bandwidth,
            SmoothedDensities1D.CreateGrid(yLower, yUpper, sigma, h, NodesPerBandwidth, MaxIntervals).Bandwidth);
        var xRange = SmoothedDensities1D.CreateGrid(xLower, xUpper, sigma, h, NodesPerBandwidth, MaxIntervals).Range;
        var yRange = SmoothedDensities1D.CreateGrid(yLower, yUpper, sigma, h, NodesPerBandwidth, MaxIntervals).Range;

        var dataDensity = SmoothedDataDensity(data, h, xRange, yRange);
        var generatorDensity = BinnedKernelEstimate.Estimate(x, y, xRange, yRange, h);
        return new SmoothedDensities2D(xRange, yRange, h, dataDensity, generatorDensity);
    }

    /// <summary>Computes JSD(p_data * φ_h ‖ p̂_g) in nats by the product Simpson rule on the grid.</summary>
    public double JensenShannon() => Divergence.JensenShannon(DataDensity, GeneratorDensity, XRange, YRange);

    /// <summary>
    /// Evaluates p_data * φ_h on the grid. Each isotropic component is a product of one normal density per axis, so
    /// the exponentials are computed once per axis node instead of once per grid node.
    /// </summary>
    private static double[,] SmoothedDataDensity(GaussianMixture data, double bandwidth, IntegrationRange xRange, IntegrationRange yRange)
    {
        var smoothed = data.WithAddedNoise(bandwidth);
        var deviation = smoothed.StandardDeviation;
        var density = new double[xRange.Intervals + 1, yRange.Intervals + 1];
        var xFactors = new double[xRange.Intervals + 1];
        var yFactors = new double[yRange.Intervals + 1];
        for (var component = 0; component < smoothed.Means.Count; component++)
        {
            var mean = smoothed.Means[component];
            var weight = smoothed.Weights[component];
            for (var i = 0; i < xFactors.Length; i++)
            {
                xFactors[i] = weight * NormalDensity(xRange.Node(i) - mean[0], deviation);
            }

            for (var j = 0; j < yFactors.Length; j++)
            {
                yFactors[j] = NormalDensity(yRange.Node(j) - mean[1], deviation);
            }

            for (var i = 0; i < xFactors.Length; i++)
            {
                for (var j = 0; j < yFactors.Length; j++)
                {
                    density[i, j] += xFactors[i] * yFactors[j];
                }
            }
        }

        return density;
    }

    private static double NormalDensity(double offset, double deviation)
    {
        var z = offset / deviation;
        return Math.Exp(-0.5 * z * z) / (deviation * Math.Sqrt(2 * Math.PI));
    }
}
