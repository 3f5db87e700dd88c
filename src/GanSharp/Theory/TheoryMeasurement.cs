namespace GanSharp.Theory;

/// <summary>The theory metrics of one moment of a run on point data, as written to <c>metrics.csv</c>.</summary>
/// <param name="JensenShannon">
/// JSD(p_data * φ_h ‖ p̂_g) in nats, between p_data and the kernel estimate of p_g, both smoothed by the same kernel
/// (<see cref="SmoothedDensities1D"/>). NaN when the generator produced a non-finite sample.
/// </param>
/// <param name="OptimalDiscriminatorError">
/// For 1-D data, max |D(x) − D*(x)| over the central interval holding 99 % of p_data's mass; null for 2-D data.
/// </param>
/// <param name="Bandwidth">The kernel width h used, in data units.</param>
public readonly record struct TheoryMeasurement(double JensenShannon, double? OptimalDiscriminatorError, double Bandwidth)
{
    /// <summary>C(G) = −ln 4 + 2 · JSD from the smoothed divergence, so an estimate of a lower bound on the true C(G).</summary>
    public double CriterionValue => VirtualTrainingCriterion.FromJensenShannon(JensenShannon);
}
