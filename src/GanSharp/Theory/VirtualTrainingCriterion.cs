namespace GanSharp.Theory;

/// <summary>
/// The virtual training criterion C(G) = max_D V(D, G) = V(D*, G) = −ln 4 + 2 · JSD(p_data ‖ p_g), the value
/// that a discriminator trained to optimality reaches against a fixed generator.
/// </summary>
public static class VirtualTrainingCriterion
{
    /// <summary>The global minimum −ln 4 of C(G), reached exactly when p_g = p_data.</summary>
    public static readonly double GlobalMinimum = -Math.Log(4);

    /// <summary>Returns −ln 4 + 2 · <paramref name="jensenShannon"/>, for a divergence in nats.</summary>
    public static double FromJensenShannon(double jensenShannon) => GlobalMinimum + 2 * jensenShannon;

    /// <summary>Computes C(G) from one-dimensional densities by integrating their JSD over <paramref name="range"/>.</summary>
    public static double Compute(Func<double, double> dataDensity, Func<double, double> generatorDensity, IntegrationRange range) =>
        FromJensenShannon(Divergence.JensenShannon(dataDensity, generatorDensity, range));

    /// <summary>Computes C(G) from densities in the plane by integrating their JSD over a rectangle.</summary>
    public static double Compute(
        Func<double, double, double> dataDensity,
        Func<double, double, double> generatorDensity,
        IntegrationRange xRange,
        IntegrationRange yRange) =>
        FromJensenShannon(Divergence.JensenShannon(dataDensity, generatorDensity, xRange, yRange));
}
