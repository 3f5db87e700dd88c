namespace GanSharp.Evaluation;

/// <summary>
/// Mode coverage of generated points against a Gaussian mixture with well-separated modes, as in the VEEGAN and
/// PacGAN experiments: each sample belongs to its nearest mode, and it is of high quality when it lies within
/// <see cref="HighQualityStandardDeviations"/> standard deviations of that mode.
/// </summary>
public static class ModeCoverage
{
    /// <summary>Distance from the nearest mode, in standard deviations, up to which a sample is of high quality.</summary>
    public const double HighQualityStandardDeviations = 3.0;

    /// <summary>Counts the high-quality samples of each mode and summarises them.</summary>
    /// <param name="samples">Generated points, each of the modes' dimension.</param>
    /// <param name="means">Centre of each mode.</param>
    /// <param name="standardDeviation">Standard deviation of each mode along every axis.</param>
    public static ModeCoverageResult Evaluate(IReadOnlyList<double[]> samples, IReadOnlyList<double[]> means, double standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(means);
        if (samples.Count == 0 || means.Count == 0 || !(standardDeviation > 0))
        {
            throw new ArgumentException("Mode coverage needs at least one sample, one mode and a positive standard deviation.");
        }

        var radius = HighQualityStandardDeviations * standardDeviation;
        var counts = new int[means.Count];
        foreach (var sample in samples)
        {
            var (mode, distance) = NearestMode(sample, means);
            if (distance <= radius)
            {
                counts[mode]++;
            }
        }

        var highQuality = counts.Sum();
        return new ModeCoverageResult(
            means.Count,
            counts.Count(count => count > 0),
            samples.Count,
            (double)highQuality / samples.Count,
            highQuality == 0 ? null : Divergences.KullbackLeiblerFromUniform(counts),
            counts,
            HighQualityStandardDeviations);
    }

    private static (int Mode, double Distance) NearestMode(double[] sample, IReadOnlyList<double[]> means)
    {
        var best = 0;
        var bestSquared = double.PositiveInfinity;
        for (var mode = 0; mode < means.Count; mode++)
        {
            var mean = means[mode];
            if (mean.Length != sample.Length)
            {
                throw new ArgumentException($"A sample has {sample.Length} coordinates but the modes have {mean.Length}.");
            }

            var squared = 0.0;
            for (var axis = 0; axis < mean.Length; axis++)
            {
                var difference = sample[axis] - mean[axis];
                squared += difference * difference;
            }

            if (squared < bestSquared)
            {
                bestSquared = squared;
                best = mode;
            }
        }

        return (best, Math.Sqrt(bestSquared));
    }
}
