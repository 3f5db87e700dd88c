namespace GanSharp.Theory;

/// <summary>Composite Simpson's rule on one interval or on a rectangle (the product rule).</summary>
public static class Quadrature
{
    /// <summary>Integrates <paramref name="integrand"/> over <paramref name="range"/>.</summary>
    /// <remarks>The error is O(Step⁴) for an integrand with a bounded fourth derivative.</remarks>
    public static double Simpson(Func<double, double> integrand, IntegrationRange range)
    {
        range.Validate();
        var sum = 0.0;
        for (var index = 0; index <= range.Intervals; index++)
        {
            sum += range.SimpsonWeight(index) * integrand(range.Node(index));
        }

        return sum;
    }

    /// <summary>
    /// Integrates <paramref name="integrand"/> over the rectangle <paramref name="xRange"/> × <paramref name="yRange"/>
    /// with the product of the two one-dimensional Simpson rules.
    /// </summary>
    public static double Simpson(Func<double, double, double> integrand, IntegrationRange xRange, IntegrationRange yRange)
    {
        xRange.Validate();
        yRange.Validate();
        var sum = 0.0;
        for (var i = 0; i <= xRange.Intervals; i++)
        {
            var x = xRange.Node(i);
            var row = 0.0;
            for (var j = 0; j <= yRange.Intervals; j++)
            {
                row += yRange.SimpsonWeight(j) * integrand(x, yRange.Node(j));
            }

            sum += xRange.SimpsonWeight(i) * row;
        }

        return sum;
    }
}
