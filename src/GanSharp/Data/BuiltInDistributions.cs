namespace GanSharp.Data;

/// <summary>The named point distributions that <c>--data</c> accepts.</summary>
public static class BuiltInDistributions
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["gaussian1d", "mixture1d", "ring8", "grid25"];

    /// <summary>Creates the named distribution, or throws <see cref="ArgumentException"/> listing the valid names.</summary>
    public static GaussianMixture Create(string name) => name switch
    {
        // N(3, 0.5²): far enough from a fresh generator's output near 0 that learning shows.
        "gaussian1d" => new GaussianMixture(name, [[3.0]], 0.5),

        // Two equal modes at ±2 with standard deviation 0.5.
        "mixture1d" => new GaussianMixture(name, [[-2.0], [2.0]], 0.5),

        // Eight modes evenly on the unit circle, standard deviation 0.01, as in the PacGAN experiments.
        "ring8" => new GaussianMixture(name, RingMeans(8, 1.0), 0.01),

        // Twenty-five modes on the grid {−4, −2, 0, 2, 4}², standard deviation 0.05, as in the PacGAN experiments.
        "grid25" => new GaussianMixture(name, GridMeans([-4, -2, 0, 2, 4]), 0.05),
        _ => throw new ArgumentException(
            $"Unknown data set '{name}': use one of {string.Join(", ", Names)}, or idx with --data-path."),
    };

    private static double[][] RingMeans(int modes, double radius) =>
        Enumerable.Range(0, modes)
            .Select(index => 2 * Math.PI * index / modes)
            .Select(angle => new[] { radius * Math.Cos(angle), radius * Math.Sin(angle) })
            .ToArray();

    private static double[][] GridMeans(double[] coordinates) =>
        coordinates.SelectMany(x => coordinates.Select(y => new[] { x, y })).ToArray();
}
