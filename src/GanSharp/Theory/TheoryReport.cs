using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GanSharp.Theory;

/// <summary>The pointwise maximiser of a ln y + b ln(1 − y), found numerically and from the closed form.</summary>
/// <param name="A">Weight a, the role of p_data(x).</param>
/// <param name="B">Weight b, the role of p_g(x).</param>
/// <param name="Numeric">Maximiser found by golden-section search.</param>
/// <param name="ClosedForm">a / (a + b).</param>
public sealed record MaximizerCheck(double A, double B, double Numeric, double ClosedForm);

/// <summary>A discriminator trained alone against a fixed generator, compared with D* and C(G).</summary>
/// <param name="Data">p_data.</param>
/// <param name="Generator">The fixed generator and its p_g.</param>
/// <param name="RegionLower">Lower end of the central 99 % of p_data, where D is compared with D*.</param>
/// <param name="RegionUpper">Upper end of that region.</param>
/// <param name="MaxAbsError">max |D(x) − D*(x)| over the region.</param>
/// <param name="ValueTrained">V̂ of the trained D on fresh samples.</param>
/// <param name="ValuePredicted">C(G) = −ln 4 + 2 · <paramref name="Jsd"/>.</param>
/// <param name="Jsd">JSD(p_data ‖ p_g) by numerical integration, in nats.</param>
/// <param name="DiscriminatorSteps">Discriminator optimizer steps.</param>
public sealed record OptimalDiscriminatorCheck(
    string Data,
    string Generator,
    double RegionLower,
    double RegionUpper,
    double MaxAbsError,
    double ValueTrained,
    double ValuePredicted,
    double Jsd,
    int DiscriminatorSteps);

/// <summary>A discriminator trained alone against a generator with p_g = p_data.</summary>
/// <param name="Data">p_data.</param>
/// <param name="Generator">The fixed generator, whose p_g equals p_data.</param>
/// <param name="MaxValue">V̂ of the trained D, an estimate of max_D V(D, G).</param>
/// <param name="MinusLog4">−ln 4, the value the theory predicts.</param>
/// <param name="MaxAbsErrorFromHalf">max |D(x) − ½| over the central 99 % of p_data.</param>
/// <param name="DiscriminatorSteps">Discriminator optimizer steps.</param>
public sealed record EquilibriumCheck(
    string Data,
    string Generator,
    double MaxValue,
    [property: JsonPropertyName("minus_log_4")] double MinusLog4,
    [property: JsonPropertyName("max_abs_error_from_half")] double MaxAbsErrorFromHalf,
    int DiscriminatorSteps);

/// <summary>A full GAN run on one-dimensional data.</summary>
/// <param name="Data">p_data.</param>
/// <param name="Seed">Seed of the weights, the minibatches and the noise.</param>
/// <param name="DiscriminatorOnlySteps">Discriminator steps with G frozen before the first generator step.</param>
/// <param name="GeneratorSteps">Generator steps, one per iteration of Algorithm 1.</param>
/// <param name="DiscriminatorSteps">Discriminator steps in all.</param>
/// <param name="Samples">Real and generated examples behind each number below.</param>
/// <param name="JsdStart">JSD(p_data ‖ p̂_g) before training.</param>
/// <param name="JsdEnd">JSD(p_data ‖ p̂_g) after training.</param>
/// <param name="JsdFloor">JSD(p_data ‖ p̂) for an estimate from exact samples of p_data.</param>
/// <param name="JsdMethod">How p̂_g is estimated and what the floor means.</param>
/// <param name="ValueEnd">V̂ of the final D and G.</param>
/// <param name="DMeanEnd">Mean of the final D(x) over x ~ p_data.</param>
public sealed record TrainingCheck(
    string Data,
    long Seed,
    int DiscriminatorOnlySteps,
    int GeneratorSteps,
    long DiscriminatorSteps,
    int Samples,
    double JsdStart,
    double JsdEnd,
    double JsdFloor,
    string JsdMethod,
    double ValueEnd,
    [property: JsonPropertyName("d_mean_end")] double DMeanEnd);

/// <summary>One target of the demonstrations: a measured quantity, its limit, and whether it was met.</summary>
/// <param name="Name">Short identifier, for example <c>jsd_end</c>.</param>
/// <param name="Quantity">The quantity as a formula over fields of theory.json, in ASCII.</param>
/// <param name="Value">The quantity's value.</param>
/// <param name="Limit">The largest value that meets the target.</param>
/// <param name="Met">Whether <paramref name="Value"/> ≤ <paramref name="Limit"/>.</param>
public sealed record TargetCheck(string Name, string Quantity, double Value, double Limit, bool Met)
{
    /// <summary>Creates a check whose target is met when <paramref name="value"/> is at most <paramref name="limit"/>.</summary>
    public static TargetCheck AtMost(string name, string quantity, double value, double limit) =>
        new(name, quantity, value, limit, value <= limit);
}

/// <summary>
/// Everything <see cref="TheoryExperiments"/> measured, written as <c>theory.json</c>.
/// </summary>
/// <param name="Seed">Seed of every demonstration.</param>
/// <param name="Maximizer">The pointwise maximiser.</param>
/// <param name="OptimalDiscriminator">D against D* for a fixed G with p_g ≠ p_data.</param>
/// <param name="Equilibrium">max_D V for p_g = p_data.</param>
/// <param name="Training">The full GAN run.</param>
/// <param name="Targets">Each target and whether it was met.</param>
/// <param name="Figures">Figures written, as paths relative to the output folder.</param>
/// <param name="Seconds">Wall-clock time of all the demonstrations, figures included.</param>
public sealed record TheoryReport(
    long Seed,
    MaximizerCheck Maximizer,
    OptimalDiscriminatorCheck OptimalDiscriminator,
    EquilibriumCheck Equilibrium,
    TrainingCheck Training,
    IReadOnlyList<TargetCheck> Targets,
    IReadOnlyList<string> Figures,
    double Seconds)
{
    public const string JsonFileName = "theory.json";
    public const string MarkdownFileName = "theory.md";

    /// <summary>
    /// Options for <c>theory.json</c>: snake_case names, indented, and characters such as + and ' written as
    /// themselves. The file is data for programs and people, never embedded in HTML, so it needs no HTML escaping.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Whether every target was met.</summary>
    public bool AllTargetsMet => Targets.All(target => target.Met);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
