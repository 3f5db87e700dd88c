namespace GanSharp.Theory;

/// <summary>
/// Kullback–Leibler and Jensen–Shannon divergences of two densities, in nats, by Simpson's rule on a grid.
/// </summary>
/// <remarks>
/// <para>
/// Every integrand below is non-negative at every point, and Simpson's weights are positive, so rounding and
/// quadrature error can never make a divergence negative. Where p = 0 the term p ln(p / ·) is taken as 0.
/// </para>
/// <para>
/// The densities must hold nearly all their mass inside the integration ranges. Mass outside is ignored,
/// and an estimate that integrates to less than 1 biases both divergences.
/// </para>
/// </remarks>
public static class Divergence
{
    // Below this |u| the integrands use their Taylor series, because the closed forms subtract nearly
    // equal numbers there. The first omitted series term is below u⁵ / 20 ≈ 5e−22 of the density.
    private const double SeriesThreshold = 1e-4;

    /// <summary>
    /// Computes KL(P ‖ Q) = ∫ p ln(p / q) dx over <paramref name="range"/>. Returns +∞ when q = 0 at a node
    /// where p &gt; 0.
    /// </summary>
    /// <remarks>
    /// The integrand is p ln(p / q) − p + q. It is never negative, and the added −p + q integrates to 0 when
    /// both densities integrate to 1 over the range.
    /// </remarks>
    public static double KullbackLeibler(Func<double, double> p, Func<double, double> q, IntegrationRange range) =>
        Quadrature.Simpson(x => KullbackLeiblerIntegrand(p(x), q(x)), range);

    /// <summary>
    /// Computes JSD(P ‖ Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M) with M = (P + Q) / 2 over <paramref name="range"/>.
    /// The result lies in [0, ln 2] up to quadrature error, and it is finite for any two densities.
    /// </summary>
    public static double JensenShannon(Func<double, double> p, Func<double, double> q, IntegrationRange range) =>
        Quadrature.Simpson(x => JensenShannonIntegrand(p(x), q(x)), range);

    /// <summary>Computes KL(P ‖ Q) of two densities in the plane over the rectangle <paramref name="xRange"/> × <paramref name="yRange"/>.</summary>
    /// <remarks>Returns +∞ when q = 0 at a node where p &gt; 0.</remarks>
    public static double KullbackLeibler(
        Func<double, double, double> p, Func<double, double, double> q, IntegrationRange xRange, IntegrationRange yRange) =>
        Quadrature.Simpson((x, y) => KullbackLeiblerIntegrand(p(x, y), q(x, y)), xRange, yRange);

    /// <summary>Computes JSD(P ‖ Q) of two densities in the plane over the rectangle <paramref name="xRange"/> × <paramref name="yRange"/>.</summary>
    public static double JensenShannon(
        Func<double, double, double> p, Func<double, double, double> q, IntegrationRange xRange, IntegrationRange yRange) =>
        Quadrature.Simpson((x, y) => JensenShannonIntegrand(p(x, y), q(x, y)), xRange, yRange);

    /// <summary>
    /// Computes JSD(P ‖ Q) from density values at the nodes of <paramref name="range"/>, so that densities known only
    /// on a grid can be compared. <paramref name="p"/>[i] and <paramref name="q"/>[i] are the values at node i.
    /// </summary>
    public static double JensenShannon(double[] p, double[] q, IntegrationRange range)
    {
        range.Validate();
        RequireNodeValues(p, range.Intervals + 1, nameof(p));
        RequireNodeValues(q, range.Intervals + 1, nameof(q));
        var sum = 0.0;
        for (var index = 0; index <= range.Intervals; index++)
        {
            sum += range.SimpsonWeight(index) * JensenShannonIntegrand(p[index], q[index]);
        }

        return sum;
    }

    /// <summary>
    /// Computes JSD(P ‖ Q) in the plane from density values at the nodes of <paramref name="xRange"/> ×
    /// <paramref name="yRange"/>, indexed [i, j] for the point (xᵢ, yⱼ).
    /// </summary>
    public static double JensenShannon(double[,] p, double[,] q, IntegrationRange xRange, IntegrationRange yRange)
    {
        xRange.Validate();
        yRange.Validate();
        RequireNodeValues(p, xRange.Intervals + 1, yRange.Intervals + 1, nameof(p));
        RequireNodeValues(q, xRange.Intervals + 1, yRange.Intervals + 1, nameof(q));
        var sum = 0.0;
        for (var i = 0; i <= xRange.Intervals; i++)
        {
            var row = 0.0;
            for (var j = 0; j <= yRange.Intervals; j++)
            {
                row += yRange.SimpsonWeight(j) * JensenShannonIntegrand(p[i, j], q[i, j]);
            }

            sum += xRange.SimpsonWeight(i) * row;
        }

        return sum;
    }

    /// <summary>
    /// Returns p ln(p / q) − p + q, which equals q · ((1 + u) ln(1 + u) − u) with u = (p − q) / q.
    /// </summary>
    internal static double KullbackLeiblerIntegrand(double p, double q)
    {
        RequireDensity(p);
        RequireDensity(q);
        if (p == 0)
        {
            return q;
        }

        if (q == 0)
        {
            return double.PositiveInfinity;
        }

        var u = (p - q) / q;
        if (Math.Abs(u) < SeriesThreshold)
        {
            // (1 + u) ln(1 + u) − u = u²/2 − u³/6 + u⁴/12 − …
            return q * u * u * (0.5 - u / 6 + u * u / 12);
        }

        // The ratio keeps ln(p / q) accurate to one rounding. The difference of logarithms covers a ratio
        // that overflows or underflows.
        var ratio = p / q;
        var logRatio = double.IsFinite(ratio) && ratio > 0 ? Math.Log(ratio) : Math.Log(p) - Math.Log(q);
        return Math.Max(0, p * logRatio - p + q);
    }

    /// <summary>
    /// Returns ½ [p ln(p / m) + q ln(q / m)] with m = (p + q) / 2, written as (s / 4) g(r) with s = p + q,
    /// r = (p − q) / s and g(r) = (1 + r) ln(1 + r) + (1 − r) ln(1 − r) ≥ 0.
    /// </summary>
    internal static double JensenShannonIntegrand(double p, double q)
    {
        RequireDensity(p);
        RequireDensity(q);
        var s = p + q;
        if (s == 0)
        {
            return 0;
        }

        var r = (p - q) / s;
        double g;
        if (Math.Abs(r) < SeriesThreshold)
        {
            // g(r) = r² + r⁴/6 + r⁶/15 + …
            g = r * r * (1 + r * r / 6);
        }
        else
        {
            g = XLogX(1 + r) + XLogX(1 - r);
        }

        return Math.Max(0, s / 4 * g);
    }

    /// <summary>Returns t ln t, with 0 ln 0 = 0.</summary>
    private static double XLogX(double t) => t == 0 ? 0 : t * Math.Log(t);

    private static void RequireNodeValues(double[] values, int nodes, string name)
    {
        if (values.Length != nodes)
        {
            throw new ArgumentException($"Expected one density value per node, {nodes} in all, but got {values.Length}.", name);
        }
    }

    private static void RequireNodeValues(double[,] values, int xNodes, int yNodes, string name)
    {
        if (values.GetLength(0) != xNodes || values.GetLength(1) != yNodes)
        {
            throw new ArgumentException(
                $"Expected density values on a {xNodes} × {yNodes} grid of nodes, but got {values.GetLength(0)} × {values.GetLength(1)}.", name);
        }
    }

    private static void RequireDensity(double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value), value, "A density value must be finite and non-negative. Check the density delegate.");
        }
    }
}
