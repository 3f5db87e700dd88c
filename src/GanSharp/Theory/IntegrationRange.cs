namespace GanSharp.Theory;

/// <summary>
/// An interval [<see cref="Lower"/>, <see cref="Upper"/>] split into <see cref="Intervals"/> equal
/// subintervals for composite Simpson's rule.
/// </summary>
/// <remarks>
/// The interval should cover nearly all the mass of every density integrated over it, because the
/// integrals ignore whatever lies outside.
/// </remarks>
public readonly record struct IntegrationRange(double Lower, double Upper, int Intervals)
{
    /// <summary>Width of one subinterval.</summary>
    public double Step => (Upper - Lower) / Intervals;

    /// <summary>Returns the i-th of the <see cref="Intervals"/> + 1 evenly spaced nodes, from Lower to Upper.</summary>
    public double Node(int index) => index == Intervals ? Upper : Lower + index * Step;

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid bound or subinterval count.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Lower) || !double.IsFinite(Upper) || !(Lower < Upper))
        {
            throw new ArgumentException($"Invalid integration range [{Lower}, {Upper}]: the bounds must be finite with lower < upper.");
        }

        if (Intervals < 2 || Intervals % 2 != 0)
        {
            throw new ArgumentException(
                $"Invalid number of subintervals {Intervals}: Simpson's rule needs an even number of at least 2, for example 2000.");
        }
    }

    /// <summary>Returns the composite Simpson weight of node <paramref name="index"/>: Step / 3 times 1, 4, 2, …, 4, 1.</summary>
    internal double SimpsonWeight(int index)
    {
        if (index == 0 || index == Intervals)
        {
            return Step / 3;
        }

        return (index % 2 == 1 ? 4 : 2) * Step / 3;
    }
}
