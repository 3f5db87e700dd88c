namespace GanSharp.Theory;

/// <summary>
/// One moment of a 1-D run, as drawn in the phases figure: the densities and D(x) on a grid of x, and where the
/// generator sends evenly spaced noise values.
/// </summary>
/// <param name="Label">Caption, for example "(a) start, step 0".</param>
/// <param name="Step">Generator steps completed at the moment of the snapshot.</param>
/// <param name="Grid">The x values, increasing.</param>
/// <param name="DataDensity">p_data(x) on <paramref name="Grid"/>.</param>
/// <param name="GeneratorDensity">The estimated p_g(x) on <paramref name="Grid"/>.</param>
/// <param name="Discriminator">D(x) on <paramref name="Grid"/>.</param>
/// <param name="Noise">Evenly spaced values of the first noise coordinate z (the others held at 0).</param>
/// <param name="Mapped">G(z) for each value of <paramref name="Noise"/>.</param>
public sealed record PhaseSnapshot(
    string Label,
    int Step,
    double[] Grid,
    double[] DataDensity,
    double[] GeneratorDensity,
    double[] Discriminator,
    double[] Noise,
    double[] Mapped);
