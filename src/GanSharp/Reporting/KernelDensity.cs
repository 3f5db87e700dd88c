namespace GanSharp.Reporting;

/// <summary>Gaussian kernel density estimate of a one-dimensional sample.</summary>
internal sealed class KernelDensity
{
    private readonly double[] sample;

    /// <summary>Builds an estimate from finite values with a fixed kernel standard deviation.</summary>
    public KernelDensity(double[] sample, double bandwidth)
    {
        if (sample.Length == 0)
        {
            throw new ArgumentException("A density estimate needs at least one value.", nameof(sample));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidth);
        this.sample = sample;
        Bandwidth = bandwidth;
    }

    /// <summary>Standard deviation of the Gaussian kernel, in data units.</summary>
    public double Bandwidth { get; }

    /// <summary>
    /// Returns Silverman's rule-of-thumb bandwidth 0.9 · min(σ, IQR / 1.34) · n^(−1/5), or 0 for fewer than two
    /// values or values without spread.
    /// </summary>
    /// <remarks>
    /// When one of σ and IQR is 0, for example because more than half the values are equal, the other one
    /// is used alone.
    /// </remarks>
    public static double SilvermanBandwidth(double[] sample)
    {
        if (sample.Length < 2)
        {
            return 0;
        }

        var mean = sample.Average();
        var variance = sample.Sum(value => (value - mean) * (value - mean)) / (sample.Length - 1);
        var deviation = Math.Sqrt(variance);

        var sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        var interquartileRange = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);

        var spread = Math.Min(deviation, interquartileRange / 1.34);
        if (spread <= 0)
        {
            spread = Math.Max(deviation, interquartileRange / 1.34);
        }

        return 0.9 * spread * Math.Pow(sample.Length, -0.2);
    }

    /// <summary>Evaluates the estimated density at each of <paramref name="points"/>.</summary>
    public double[] Evaluate(double[] points)
    {
        var normalization = 1.0 / (sample.Length * Bandwidth * Math.Sqrt(2 * Math.PI));
        var densities = new double[points.Length];
        for (var index = 0; index < points.Length; index++)
        {
            var sum = 0.0;
            foreach (var value in sample)
            {
                var z = (points[index] - value) / Bandwidth;
                sum += Math.Exp(-0.5 * z * z);
            }

            densities[index] = sum * normalization;
        }

        return densities;
    }

    /// <summary>Returns the linearly interpolated quantile of values sorted in ascending order.</summary>
    private static double Quantile(double[] sorted, double probability)
    {
        var position = probability * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
