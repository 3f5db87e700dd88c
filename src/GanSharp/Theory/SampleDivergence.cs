namespace GanSharp.Theory;

/// <summary>
/// Jensen–Shannon divergence between a known one-dimensional density p_data and p̂_g, a Gaussian kernel density
/// estimate of generated values.
/// </summary>
/// <remarks>
/// <para>
/// The estimate is p_g smoothed by the kernel, plus sampling noise, so the result has a floor above 0 even when
/// p_g = p_data. The floor falls with the number of values. <see cref="TrainingDemonstration"/> measures it by
/// estimating from exact samples of p_data.
/// </para>
/// <para>
/// The integration range covers p_data's range and every value with eight bandwidths of margin. Its nodes are
/// at most a fifth of a bandwidth apart, so Simpson's rule resolves each kernel, with 2,000 to 400,000
/// subintervals.
/// </para>
/// </remarks>
public static class SampleDivergence
{
    private const double NodesPerBandwidth = 5;
    private const int MinIntervals = 2000;
    private const int MaxIntervals = 400_000;

    /// <summary>
    /// Builds a kernel density estimate with Silverman's bandwidth, or, for values without spread, a bandwidth of
    /// 1e−3 times the larger of 1 and their magnitude.
    /// </summary>
    public static KernelDensity Estimate(double[] values)
    {
        var bandwidth = KernelDensity.SilvermanBandwidth(values);
        if (bandwidth <= 0)
        {
            bandwidth = 1e-3 * Math.Max(1, values.Length == 0 ? 1 : Math.Abs(values[0]));
        }

        return new KernelDensity(values, bandwidth);
    }

    /// <summary>
    /// Computes JSD(p_data ‖ p̂) in nats, where p̂ is <see cref="Estimate"/> of <paramref name="values"/>.
    /// </summary>
    /// <param name="dataDensity">p_data(x).</param>
    /// <param name="dataLower">Lower end of a range that contains nearly all of p_data's mass.</param>
    /// <param name="dataUpper">Upper end of that range.</param>
    /// <param name="values">Finite generated values.</param>
    public static double JensenShannon(Func<double, double> dataDensity, double dataLower, double dataUpper, double[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("The divergence needs at least one generated value.", nameof(values));
        }

        var estimate = Estimate(values);
        var reach = KernelDensity.CutoffBandwidths * estimate.Bandwidth;
        var lower = Math.Min(dataLower, values.Min() - reach);
        var upper = Math.Max(dataUpper, values.Max() + reach);

        var requestedIntervals = Math.Ceiling((upper - lower) * NodesPerBandwidth / estimate.Bandwidth);
        var intervals = (int)Math.Clamp(requestedIntervals, MinIntervals, MaxIntervals);
        intervals += intervals % 2;
        return Divergence.JensenShannon(dataDensity, estimate.Density, new IntegrationRange(lower, upper, intervals));
    }
}
