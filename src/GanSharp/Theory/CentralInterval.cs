namespace GanSharp.Theory;

/// <summary>The interval between two quantiles of a one-dimensional density, with equal mass left out on each side.</summary>
public readonly record struct CentralInterval(double Lower, double Upper)
{
    /// <summary>
    /// Finds the interval [q_{(1 − mass)/2}, q_{(1 + mass)/2}] of <paramref name="density"/>, for example
    /// [−2.576, 2.576] for N(0, 1) and a mass of 0.99.
    /// </summary>
    /// <remarks>
    /// The cumulative distribution is integrated with the trapezoid rule over <paramref name="range"/>, which
    /// should hold nearly all the mass, and normalised by its total there. Each quantile is interpolated
    /// linearly between the nodes.
    /// </remarks>
    public static CentralInterval Containing(Func<double, double> density, double mass, IntegrationRange range)
    {
        if (!(mass > 0 && mass < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(mass), mass, "The mass must lie strictly between 0 and 1, for example 0.99.");
        }

        range.Validate();
        var cumulative = new double[range.Intervals + 1];
        var previous = density(range.Node(0));
        for (var index = 1; index <= range.Intervals; index++)
        {
            var current = density(range.Node(index));
            cumulative[index] = cumulative[index - 1] + (previous + current) * range.Step / 2;
            previous = current;
        }

        var total = cumulative[^1];
        if (!(total > 0) || double.IsInfinity(total))
        {
            throw new ArgumentException(
                $"The density integrates to {total} over [{range.Lower}, {range.Upper}]. Choose a range that holds its mass.");
        }

        var tail = (1 - mass) / 2;
        return new CentralInterval(Quantile(cumulative, tail * total, range), Quantile(cumulative, (1 - tail) * total, range));
    }

    private static double Quantile(double[] cumulative, double target, IntegrationRange range)
    {
        var index = Array.FindIndex(cumulative, value => value >= target);
        if (index <= 0)
        {
            return range.Lower;
        }

        var below = cumulative[index - 1];
        var fraction = (target - below) / (cumulative[index] - below);
        return range.Node(index - 1) + fraction * range.Step;
    }
}
