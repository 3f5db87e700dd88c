namespace GanSharp.Bench;

/// <summary>Median and quartiles of repeated measurements.</summary>
internal readonly record struct Summary(double Median, double LowerQuartile, double UpperQuartile)
{
    public static Summary Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Summary(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75));
    }

    /// <summary>Linear interpolation between the closest ranks, as numpy's default quantile does.</summary>
    private static double Quantile(double[] sorted, double probability)
    {
        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
