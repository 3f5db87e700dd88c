namespace GanSharp.Theory;

/// <summary>Golden-section search for the maximum of a unimodal function on an interval.</summary>
public static class GoldenSectionSearch
{
    // 1/φ = (√5 − 1) / 2: each iteration keeps this fraction of the bracket.
    private static readonly double InverseGoldenRatio = (Math.Sqrt(5) - 1) / 2;

    // 0.618^200 ≈ 1e−42, so the cap only ends a search whose tolerance is below the spacing of doubles.
    private const int MaxIterations = 200;

    /// <summary>
    /// Finds the maximiser of <paramref name="function"/> on (<paramref name="lower"/>, <paramref name="upper"/>)
    /// and returns the midpoint of the final bracket, whose width is at most <paramref name="tolerance"/>.
    /// </summary>
    /// <remarks>
    /// The function is never evaluated at the bounds, so it may be infinite there. Near a smooth maximum,
    /// f changes by only about ½ f'' δ² over a distance δ, so rounding in f limits the accuracy to about
    /// √ε ≈ 1e−8 relative to the scale of x. Use the overload that compares two points when that is too coarse.
    /// </remarks>
    public static double Maximize(Func<double, double> function, double lower, double upper, double tolerance) =>
        Maximize((u, v) => function(u) - function(v), lower, upper, tolerance);

    /// <summary>
    /// Finds the maximiser of a function f that is given only through <paramref name="compare"/>(u, v), a value
    /// with the sign of f(u) − f(v).
    /// </summary>
    /// <remarks>
    /// A comparison can compute f(u) − f(v) directly, without the cancellation of subtracting two rounded values
    /// of f, which lets the search resolve the maximiser to the tolerance even where f is flat.
    /// </remarks>
    public static double Maximize(Func<double, double, double> compare, double lower, double upper, double tolerance)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || !(lower < upper))
        {
            throw new ArgumentException($"Invalid search interval ({lower}, {upper}): the bounds must be finite with lower < upper.");
        }

        if (!(tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be positive, for example 1e-9.");
        }

        var left = lower;
        var right = upper;
        var inner = right - InverseGoldenRatio * (right - left);
        var outer = left + InverseGoldenRatio * (right - left);
        for (var iteration = 0; iteration < MaxIterations && right - left > tolerance; iteration++)
        {
            if (compare(inner, outer) > 0)
            {
                // f(inner) > f(outer): a unimodal f has its maximum left of outer.
                right = outer;
                outer = inner;
                inner = right - InverseGoldenRatio * (right - left);
            }
            else
            {
                left = inner;
                inner = outer;
                outer = left + InverseGoldenRatio * (right - left);
            }
        }

        return (left + right) / 2;
    }
}
