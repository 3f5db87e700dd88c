namespace GanSharp.Theory;

/// <summary>
/// The value function at one point x: f(y) = a ln y + b ln(1 − y), with a = p_data(x), b = p_g(x) and
/// y = D(x). Maximising it for each x on its own gives the optimal discriminator.
/// </summary>
public static class PointwiseValue
{
    /// <summary>Default width of the final bracket of <see cref="Maximize"/>.</summary>
    public const double DefaultTolerance = 1e-9;

    /// <summary>Evaluates a ln y + b ln(1 − y), with 0 · ln 0 taken as 0.</summary>
    public static double Evaluate(double a, double b, double y)
    {
        RequireWeights(a, b);
        var dataTerm = a == 0 ? 0 : a * Math.Log(y);
        var generatorTerm = b == 0 ? 0 : b * Math.Log(1 - y);
        return dataTerm + generatorTerm;
    }

    /// <summary>
    /// Finds the maximiser of a ln y + b ln(1 − y) over (0, 1) by golden-section search, without using the
    /// closed form, to within <paramref name="tolerance"/>.
    /// </summary>
    /// <remarks>
    /// The search compares two points u and v through f(u) − f(v) = a ln(u / v) + b ln((1 − u) / (1 − v)),
    /// computed with log1p, so flatness near the maximum does not limit the accuracy to √ε. When a = 0 or
    /// b = 0 the supremum is at an end of (0, 1), and the result lies within the tolerance of that end.
    /// </remarks>
    public static double Maximize(double a, double b, double tolerance = DefaultTolerance)
    {
        RequireWeights(a, b);
        return GoldenSectionSearch.Maximize(
            (u, v) => a * LogOnePlus((u - v) / v) + b * LogOnePlus((v - u) / (1 - v)),
            0,
            1,
            tolerance);
    }

    /// <summary>Returns the maximiser a / (a + b), found by setting the derivative a / y − b / (1 − y) to 0.</summary>
    public static double ClosedFormMaximizer(double a, double b)
    {
        RequireWeights(a, b);
        return a / (a + b);
    }

    /// <summary>Returns ln(1 + x), accurate also for |x| far below 1.</summary>
    /// <remarks>
    /// Math.Log(1 + x) loses the digits of x that 1 + x rounds away. Dividing by the rounded (1 + x) − 1 and
    /// multiplying by x corrects that first-order error.
    /// </remarks>
    internal static double LogOnePlus(double x)
    {
        var onePlus = 1 + x;
        return onePlus == 1 ? x : Math.Log(onePlus) * x / (onePlus - 1);
    }

    private static void RequireWeights(double a, double b)
    {
        if (!(a >= 0) || !(b >= 0) || double.IsInfinity(a) || double.IsInfinity(b) || a + b == 0)
        {
            throw new ArgumentException(
                $"Invalid weights a = {a}, b = {b}: both must be finite and non-negative, and at least one positive.");
        }
    }
}
