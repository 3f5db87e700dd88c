using GanSharp.Data;
using static TorchSharp.torch;

namespace GanSharp.Theory;

/// <summary>
/// A one-dimensional p_data and p_g seen through the same Gaussian kernel φ_h on a grid: the kernel density estimate
/// p̂_g of generated samples, and p_data * φ_h in closed form. Their JSD is the divergence that the training metrics
/// report.
/// </summary>
/// <remarks>
/// <para>
/// A kernel estimate of p_g is, on average, p_g * φ_h and not p_g. Compared with the unsmoothed p_data it keeps a
/// floor above 0 even for exact samples, and that floor is large when the kernel is wide compared with the modes of
/// p_data. Comparing it with p_data * φ_h instead removes the floor: for exact samples only the estimate's sampling
/// noise is left.
/// </para>
/// <para>
/// The smoothed divergence JSD(p_data * φ_h ‖ p_g * φ_h) is 0 exactly when p_g = p_data, because convolution with a
/// Gaussian is one-to-one. It is never larger than JSD(p_data ‖ p_g), because adding the same independent noise to
/// both samples cannot make them easier to tell apart. So −ln 4 + 2 · JSD from its estimate estimates a lower bound on
/// C(G), and differences finer than about h count for less.
/// </para>
/// <para>
/// The bandwidth follows Silverman's rule 0.9 σ n^(−1/5) with σ the standard deviation of p_data, not of the sample,
/// so every evaluation of one run compares at the same resolution.
/// </para>
/// </remarks>
public sealed class SmoothedDensities1D
{
    /// <summary>Most subintervals of the grid. A wider spread of samples coarsens the grid and widens the kernel.</summary>
    public const int MaxIntervals = 1 << 16;

    // Nodes per bandwidth: the grid step is h / 8.
    private const int NodesPerBandwidth = 8;

    // Margin beyond the outermost mean and sample, in standard deviations of a smoothed component.
    private const double MarginDeviations = 8;

    private readonly GaussianMixture data;

    private SmoothedDensities1D(
        GaussianMixture data, IntegrationRange range, double bandwidth, double[] dataDensity, double[] generatorDensity)
    {
        this.data = data;
        Range = range;
        Bandwidth = bandwidth;
        Nodes = Enumerable.Range(0, range.Intervals + 1).Select(range.Node).ToArray();
        DataDensity = dataDensity;
        GeneratorDensity = generatorDensity;
    }

    /// <summary>The grid, which covers p_data's means and every sample with a margin of 8 smoothed deviations.</summary>
    public IntegrationRange Range { get; }

    /// <summary>The kernel standard deviation h, in data units.</summary>
    public double Bandwidth { get; }

    /// <summary>The x values of the grid's nodes, increasing.</summary>
    public double[] Nodes { get; }

    /// <summary>(p_data * φ_h)(x) at each node.</summary>
    public double[] DataDensity { get; }

    /// <summary>The kernel density estimate p̂_g(x) at each node.</summary>
    public double[] GeneratorDensity { get; }

    /// <summary>Returns Silverman's rule 0.9 σ n^(−1/5) for n samples of <paramref name="data"/>.</summary>
    public static double DefaultBandwidth(GaussianMixture data, int sampleCount) =>
        0.9 * data.AxisStandardDeviation(0) * Math.Pow(sampleCount, -0.2);

    /// <summary>Estimates both smoothed densities from <paramref name="generated"/> samples of p_g.</summary>
    /// <param name="data">A one-dimensional p_data.</param>
    /// <param name="generated">Finite samples G(z); at least 2.</param>
    /// <param name="bandwidth">The kernel width h; by default <see cref="DefaultBandwidth"/>.</param>
    /// <exception cref="ArgumentException">The data is not one-dimensional, or a sample is not finite.</exception>
    public static SmoothedDensities1D Estimate(GaussianMixture data, double[] generated, double? bandwidth = null)
    {
        if (data.Kind != DataKind.Points1D)
        {
            throw new ArgumentException($"Expected one-dimensional data, but {data.Name} has dimension {data.SampleShape[0]}.", nameof(data));
        }

        RequireSample(generated, nameof(generated));
        var h = bandwidth ?? DefaultBandwidth(data, generated.Length);
        if (!(h > 0) || double.IsInfinity(h))
        {
            throw new ArgumentOutOfRangeException(nameof(bandwidth), h, "The bandwidth must be positive and finite.");
        }

        var means = data.Means.Select(mean => mean[0]).ToArray();
        var lower = Math.Min(means.Min(), generated.Min());
        var upper = Math.Max(means.Max(), generated.Max());
        var (range, widened) = CreateGrid(lower, upper, data.StandardDeviation, h, NodesPerBandwidth, MaxIntervals);

        var smoothedData = data.WithAddedNoise(widened);
        var dataDensity = new double[range.Intervals + 1];
        for (var index = 0; index < dataDensity.Length; index++)
        {
            dataDensity[index] = smoothedData.Density(range.Node(index));
        }

        var generatorDensity = BinnedKernelEstimate.Estimate(generated, range, widened);
        return new SmoothedDensities1D(data, range, widened, dataDensity, generatorDensity);
    }

    /// <summary>Computes JSD(p_data * φ_h ‖ p̂_g) in nats by Simpson's rule on the grid.</summary>
    public double JensenShannon() => Divergence.JensenShannon(DataDensity, GeneratorDensity, Range);

    /// <summary>Returns D*(x) = (p_data * φ_h)(x) / ((p_data * φ_h)(x) + p̂_g(x)) at each node.</summary>
    /// <remarks>
    /// D* comes from the smoothed pair, like the divergence, so that a perfect generator gives D* = ½ up to sampling
    /// noise instead of a D* that dips in the tails where the estimate's kernel widens p̂_g.
    /// </remarks>
    public double[] OptimalDiscriminator() =>
        DataDensity.Select((dataValue, index) => Theory.OptimalDiscriminator.Probability(dataValue, GeneratorDensity[index])).ToArray();

    /// <summary>
    /// Computes max |D(x) − D*(x)| over the nodes inside the central interval that contains <paramref name="mass"/> of
    /// the unsmoothed p_data, with D* from <see cref="OptimalDiscriminator()"/>.
    /// </summary>
    /// <param name="discriminator">A discriminator that returns logits, on any device. It is left in evaluation mode.</param>
    /// <param name="mass">The share of p_data's mass inside the compared interval, for example 0.99.</param>
    public double OptimalDiscriminatorError(nn.Module<Tensor, Tensor> discriminator, double mass = 0.99)
    {
        var region = CentralRegion(mass);
        var inside = Enumerable.Range(0, Nodes.Length)
            .Where(index => Nodes[index] >= region.Lower && Nodes[index] <= region.Upper)
            .ToArray();
        var optimal = OptimalDiscriminator();
        var trained = DiscriminatorProbe.Evaluate(discriminator, inside.Select(index => Nodes[index]).ToArray());
        return inside.Select((node, position) => Math.Abs(trained[position] - optimal[node])).Max();
    }

    /// <summary>Finds the central interval that contains <paramref name="mass"/> of the unsmoothed p_data.</summary>
    public CentralInterval CentralRegion(double mass = 0.99)
    {
        var means = data.Means.Select(mean => mean[0]).ToArray();
        var reach = 10 * data.StandardDeviation;
        return CentralInterval.Containing(data.Density, mass, new IntegrationRange(means.Min() - reach, means.Max() + reach, 20_000));
    }

    /// <summary>
    /// Returns a grid with step h / <paramref name="nodesPerBandwidth"/> over [lower, upper] plus the margin, and the
    /// bandwidth to use with it: h itself, or a wider one when the grid would need more than
    /// <paramref name="maxIntervals"/> subintervals.
    /// </summary>
    internal static (IntegrationRange Range, double Bandwidth) CreateGrid(
        double lower, double upper, double componentDeviation, double bandwidth, int nodesPerBandwidth, int maxIntervals)
    {
        // With the margin m = 8 √(σ² + h²) ≤ 8 (σ + h), this lower bound on h keeps the subintervals
        // (upper − lower + 2m) / step, with step = h / nodesPerBandwidth, within the limit.
        // NOTE: only samples spread over thousands of bandwidths need the wider kernel, for example from a diverged
        // generator. Both densities are then smoothed more, so the divergence stays consistent but coarser.
        var spread = upper - lower + 2 * MarginDeviations * componentDeviation;
        var minimum = nodesPerBandwidth * spread / (maxIntervals - 2 * MarginDeviations * nodesPerBandwidth - 2);
        bandwidth = Math.Max(bandwidth, minimum);
        if (!double.IsFinite(bandwidth))
        {
            throw new ArgumentException($"The samples spread over [{lower}, {upper}], too wide for a density grid.");
        }

        var margin = MarginDeviations * Math.Sqrt(componentDeviation * componentDeviation + bandwidth * bandwidth);
        var intervals = (int)Math.Ceiling((upper - lower + 2 * margin) * nodesPerBandwidth / bandwidth);
        intervals = Math.Max(2, intervals + intervals % 2);
        return (new IntegrationRange(lower - margin, upper + margin, intervals), bandwidth);
    }

    internal static void RequireSample(double[] sample, string name)
    {
        if (sample.Length < 2)
        {
            throw new ArgumentException($"A density estimate needs at least 2 samples, but got {sample.Length}.", name);
        }

        if (sample.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentException("Every sample must be finite. A generator that outputs NaN or infinity has diverged.", name);
        }
    }
}
