namespace GanSharp.Theory;

/// <summary>One point of the V̂ and C(G) curve of a training run.</summary>
/// <param name="Step">Generator steps completed.</param>
/// <param name="Value">V̂ of the current D and G on fresh samples.</param>
/// <param name="JensenShannon">JSD(p_data ‖ p̂_g), with p̂_g a kernel density estimate of generated values.</param>
/// <param name="Criterion">C(G) = −ln 4 + 2 · <paramref name="JensenShannon"/>.</param>
public sealed record CurvePoint(int Step, double Value, double JensenShannon, double Criterion);

/// <summary>Numbers, curve and phases of a <see cref="TrainingDemonstration"/> run.</summary>
/// <param name="DataName">Name of p_data.</param>
/// <param name="Seed">Seed of every random draw in training.</param>
/// <param name="DiscriminatorOnlySteps">Discriminator steps taken with G frozen before the first generator step.</param>
/// <param name="GeneratorSteps">Generator steps completed.</param>
/// <param name="DiscriminatorSteps">Discriminator steps taken in all, including the discriminator-only ones.</param>
/// <param name="Samples">Real and generated examples behind each of the final numbers.</param>
/// <param name="JensenShannonStart">JSD(p_data ‖ p̂_g) before training.</param>
/// <param name="JensenShannonEnd">JSD(p_data ‖ p̂_g) after training.</param>
/// <param name="JensenShannonFloor">
/// JSD(p_data ‖ p̂) for an estimate from as many exact samples of p_data: the part of the two numbers above that
/// comes from estimating the density.
/// </param>
/// <param name="ValueEnd">V̂ of the final D and G.</param>
/// <param name="DiscriminatorMeanEnd">Mean of the final D(x) over x ~ p_data.</param>
/// <param name="Curve">V̂ and C(G) at the start and at every evaluation interval.</param>
/// <param name="Phases">Snapshots (a) to (d), or none when they could not be captured.</param>
public sealed record TrainingDemonstrationResult(
    string DataName,
    long Seed,
    int DiscriminatorOnlySteps,
    int GeneratorSteps,
    long DiscriminatorSteps,
    int Samples,
    double JensenShannonStart,
    double JensenShannonEnd,
    double JensenShannonFloor,
    double ValueEnd,
    double DiscriminatorMeanEnd,
    IReadOnlyList<CurvePoint> Curve,
    IReadOnlyList<PhaseSnapshot> Phases);
