using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// A mixture of isotropic Gaussians in one or two dimensions with equal or given weights: a p_data whose
/// density is known in closed form.
/// </summary>
public sealed class GaussianMixture : IDataSource
{
    private readonly double[][] means;
    private readonly double[] weights;
    private readonly double[] cumulativeWeights;

    /// <param name="name">Name reported in configuration files.</param>
    /// <param name="means">Centre of each component; every centre has the same dimension, 1 or 2.</param>
    /// <param name="standardDeviation">Standard deviation of every component along every axis.</param>
    /// <param name="weights">Mixture weights, one per component; equal weights when null.</param>
    public GaussianMixture(string name, double[][] means, double standardDeviation, double[]? weights = null)
    {
        if (means.Length == 0)
        {
            throw new ArgumentException("A Gaussian mixture needs at least one component.", nameof(means));
        }

        var dimension = means[0].Length;
        if (dimension is < 1 or > 2 || means.Any(mean => mean.Length != dimension))
        {
            throw new ArgumentException("Every component mean must have dimension 1 or 2, the same for all.", nameof(means));
        }

        if (!(standardDeviation > 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be positive and finite.");
        }

        weights ??= Enumerable.Repeat(1.0 / means.Length, means.Length).ToArray();
        if (weights.Length != means.Length || weights.Any(weight => !(weight > 0)))
        {
            throw new ArgumentException("Give one positive weight per component.", nameof(weights));
        }

        var total = weights.Sum();
        Name = name;
        this.means = means.Select(mean => (double[])mean.Clone()).ToArray();
        this.weights = weights.Select(weight => weight / total).ToArray();
        cumulativeWeights = new double[this.weights.Length];
        var running = 0.0;
        for (var index = 0; index < this.weights.Length; index++)
        {
            running += this.weights[index];
            cumulativeWeights[index] = running;
        }

        cumulativeWeights[^1] = 1.0;
        StandardDeviation = standardDeviation;
        Kind = dimension == 1 ? DataKind.Points1D : DataKind.Points2D;
        SampleShape = [dimension];
    }

    public string Name { get; }

    public DataKind Kind { get; }

    public long[] SampleShape { get; }

    /// <summary>Standard deviation of every component along every axis.</summary>
    public double StandardDeviation { get; }

    /// <summary>Centres of the components (the modes of the mixture when they are well separated).</summary>
    public IReadOnlyList<double[]> Means => means;

    /// <summary>Normalised mixture weights.</summary>
    public IReadOnlyList<double> Weights => weights;

    public Tensor Sample(int count, Generator generator)
    {
        using var scope = NewDisposeScope();
        var uniform = rand(count, generator: generator, dtype: float64);
        var thresholds = tensor(cumulativeWeights, dtype: float64);
        var component = searchsorted(thresholds, uniform, right: true).clamp_max(means.Length - 1);

        var centres = tensor(means.SelectMany(mean => mean).ToArray(), dtype: float64).view(means.Length, SampleShape[0]);
        var offsets = randn(count, SampleShape[0], generator: generator, dtype: float64) * StandardDeviation;
        var samples = (centres.index_select(0, component) + offsets).to_type(float32);
        return samples.MoveToOuterDisposeScope();
    }

    /// <summary>Computes the density p_data at <paramref name="point"/> (a number or a point in the plane).</summary>
    public double Density(ReadOnlySpan<double> point)
    {
        if (point.Length != SampleShape[0])
        {
            throw new ArgumentException($"Expected a point of dimension {SampleShape[0]}, got {point.Length}.", nameof(point));
        }

        var variance = StandardDeviation * StandardDeviation;
        var normaliser = Math.Pow(2 * Math.PI * variance, -point.Length / 2.0);
        var density = 0.0;
        for (var component = 0; component < means.Length; component++)
        {
            var squaredDistance = 0.0;
            for (var axis = 0; axis < point.Length; axis++)
            {
                var difference = point[axis] - means[component][axis];
                squaredDistance += difference * difference;
            }

            density += weights[component] * normaliser * Math.Exp(-squaredDistance / (2 * variance));
        }

        return density;
    }

    /// <summary>Computes the density p_data at a real number; only for one-dimensional mixtures.</summary>
    public double Density(double x) => Density([x]);

    /// <summary>
    /// Returns the distribution of x + ε with x drawn from this mixture and ε ~ N(0, s² I) independent of x: the same
    /// means and weights with standard deviation √(σ² + s²), because the sum of independent normals is normal.
    /// </summary>
    /// <param name="deviation">The standard deviation s of the added noise along every axis.</param>
    public GaussianMixture WithAddedNoise(double deviation)
    {
        if (!(deviation >= 0) || double.IsInfinity(deviation))
        {
            throw new ArgumentOutOfRangeException(nameof(deviation), deviation, "The noise deviation must be finite and non-negative.");
        }

        var combined = Math.Sqrt(StandardDeviation * StandardDeviation + deviation * deviation);
        return new GaussianMixture(Name, means, combined, weights);
    }

    /// <summary>Computes the standard deviation of the mixture along <paramref name="axis"/>: √(σ² + Σ wₖ mₖ² − (Σ wₖ mₖ)²).</summary>
    public double AxisStandardDeviation(int axis)
    {
        if (axis < 0 || axis >= SampleShape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"The axis must be from 0 to {SampleShape[0] - 1}.");
        }

        var mean = 0.0;
        var secondMoment = 0.0;
        for (var component = 0; component < means.Length; component++)
        {
            mean += weights[component] * means[component][axis];
            secondMoment += weights[component] * means[component][axis] * means[component][axis];
        }

        return Math.Sqrt(StandardDeviation * StandardDeviation + Math.Max(0, secondMoment - mean * mean));
    }
}
