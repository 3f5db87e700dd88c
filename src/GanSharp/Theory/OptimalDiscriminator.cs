namespace GanSharp.Theory;

/// <summary>
/// The optimal discriminator for a fixed generator, D*(x) = p_data(x) / (p_data(x) + p_g(x)): at each x it
/// maximises p_data(x) ln D(x) + p_g(x) ln(1 − D(x)), and so it maximises V(D, G) over all D.
/// </summary>
/// <remarks>
/// Where both densities are 0, every D(x) gives the same value, and D* is taken as ½ there. That is the
/// limit of D* along any path on which p_data and p_g vanish at the same rate, and it is the value D* has
/// everywhere when p_g = p_data.
/// </remarks>
public static class OptimalDiscriminator
{
    /// <summary>Returns D* for the density values <paramref name="dataDensity"/> and <paramref name="generatorDensity"/>.</summary>
    public static double Probability(double dataDensity, double generatorDensity)
    {
        if (!(dataDensity >= 0) || !(generatorDensity >= 0) || double.IsInfinity(dataDensity) || double.IsInfinity(generatorDensity))
        {
            throw new ArgumentException(
                $"Invalid densities p_data = {dataDensity}, p_g = {generatorDensity}: both must be finite and non-negative.");
        }

        var sum = dataDensity + generatorDensity;
        return sum == 0 ? 0.5 : dataDensity / sum;
    }

    /// <summary>Returns D* as a function of x for one-dimensional densities.</summary>
    public static Func<double, double> Create(Func<double, double> dataDensity, Func<double, double> generatorDensity) =>
        x => Probability(dataDensity(x), generatorDensity(x));

    /// <summary>Returns D* as a function of the point (x, y) for densities in the plane.</summary>
    public static Func<double, double, double> Create(
        Func<double, double, double> dataDensity, Func<double, double, double> generatorDensity) =>
        (x, y) => Probability(dataDensity(x, y), generatorDensity(x, y));
}
