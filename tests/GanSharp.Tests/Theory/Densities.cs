namespace GanSharp.Tests.Theory;

/// <summary>Closed-form densities for the theory tests.</summary>
internal static class Densities
{
    public static Func<double, double> Normal(double mean, double deviation) =>
        x => Math.Exp(-0.5 * Math.Pow((x - mean) / deviation, 2)) / (deviation * Math.Sqrt(2 * Math.PI));

    /// <summary>Isotropic normal in the plane with mean (<paramref name="meanX"/>, <paramref name="meanY"/>).</summary>
    public static Func<double, double, double> Normal2D(double meanX, double meanY, double deviation) =>
        (x, y) => Normal(meanX, deviation)(x) * Normal(meanY, deviation)(y);
}
