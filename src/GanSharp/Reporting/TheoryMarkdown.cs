using System.Globalization;
using System.Text;
using GanSharp.Theory;

namespace GanSharp.Reporting;

/// <summary>
/// Renderer of <c>theory.md</c>: each claim of the theory in one sentence, the number that shows it, its target and
/// whether the target was met, with links to the figures.
/// </summary>
public static class TheoryMarkdown
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Returns the Markdown text of <paramref name="report"/>, with "\n" line ends.</summary>
    public static string Render(TheoryReport report)
    {
        var targets = report.Targets.ToDictionary(target => target.Name);
        var maximizer = report.Maximizer;
        var optimal = report.OptimalDiscriminator;
        var equilibrium = report.Equilibrium;
        var training = report.Training;

        var text = new StringBuilder();
        text.Append("# The theory of GANs, checked numerically\n\n");
        text.Append(Invariant, $"Seed {report.Seed}; the demonstrations took {report.Seconds:F0} s. The numbers come from `theory.json` in this folder, and every logarithm is natural. ");
        text.Append(report.AllTargetsMet
            ? "Every target was met.\n\n"
            : $"Targets missed: {string.Join(", ", report.Targets.Where(target => !target.Met).Select(target => target.Name))}.\n\n");

        text.Append("## 1. The pointwise maximiser\n\n");
        text.Append(Invariant, $"For a = {maximizer.A} and b = {maximizer.B}, a golden-section search finds the maximum of a ln y + b ln(1 − y) on (0, 1) at ");
        text.Append(Invariant, $"y = {maximizer.Numeric:F6}, and the closed form a / (a + b) gives {maximizer.ClosedForm:F6} {Outcome(targets["maximizer"])}. ");
        text.Append("Applied at every x with a = p_data(x) and b = p_g(x), this gives the optimal discriminator D* = p_data / (p_data + p_g).\n\n");

        text.Append("## 2. The optimal discriminator\n\n");
        text.Append(Invariant, $"A discriminator trained alone for {optimal.DiscriminatorSteps} steps on data {optimal.Data}, against the fixed generator ({optimal.Generator}), ");
        text.Append(Invariant, $"is within {optimal.MaxAbsError:F4} of D* everywhere in [{optimal.RegionLower:F3}, {optimal.RegionUpper:F3}], the central 99 % of p_data ");
        text.Append(Invariant, $"{Outcome(targets["max_abs_error"])}.\n\n");
        text.Append($"![Trained D against D* and the two densities]({TheoryExperiments.OptimalDiscriminatorFigure})\n\n");

        text.Append("## 3. The virtual training criterion C(G) = −ln 4 + 2 · JSD(p_data ‖ p_g)\n\n");
        text.Append(Invariant, $"The same discriminator reaches V̂ = {optimal.ValueTrained:F6} on fresh samples, and the theory predicts ");
        text.Append(Invariant, $"C(G) = −ln 4 + 2 · {optimal.Jsd:F6} = {optimal.ValuePredicted:F6} from the integrated JSD ");
        text.Append(Invariant, $"{Outcome(targets["value_trained"])}.\n\n");

        text.Append("## 4. The global minimum −ln 4 at p_g = p_data\n\n");
        text.Append(Invariant, $"Against the generator ({equilibrium.Generator}), the best the discriminator reaches is V̂ = {equilibrium.MaxValue:F6}, against −ln 4 = ");
        text.Append(Invariant, $"{equilibrium.MinusLog4:F6} {Outcome(targets["max_value"])}, and D stays within {equilibrium.MaxAbsErrorFromHalf:F4} of ½ ");
        text.Append("over the central 99 % of p_data.\n\n");

        text.Append("## 5. Training moves p_g to p_data\n\n");
        text.Append(Invariant, $"A full GAN run on {training.Data} ({training.DiscriminatorOnlySteps} discriminator-only steps, then {training.GeneratorSteps} ");
        text.Append(Invariant, $"iterations of Algorithm 1, seed {training.Seed}) lowers JSD(p_data ‖ p̂_g) from {training.JsdStart:F4} to {training.JsdEnd:F5} ");
        text.Append(Invariant, $"{Outcome(targets["jsd_end"])}. ");
        text.Append(Invariant, $"The same measure gives {training.JsdFloor:F5} for exact samples of p_data, the floor that comes from estimating the density. ");
        text.Append(Invariant, $"At the end the mean of D over p_data is {training.DMeanEnd:F4} {Outcome(targets["d_mean_end"])}, ");
        text.Append(Invariant, $"and V̂ = {training.ValueEnd:F4} against −ln 4 = {equilibrium.MinusLog4:F4}.\n\n");
        text.Append($"![V̂ and C(G) over the training steps]({TheoryExperiments.ValueFigure})\n\n");

        text.Append("## 6. The phases of training\n\n");
        if (report.Figures.Contains(TheoryExperiments.PhasesFigure))
        {
            text.Append(
                "The same run at four moments, in the layout of Figure 1 of Goodfellow et al. (2014): (a) the start, (b) after "
                + "discriminator-only steps, where D separates the two densities, (c) after the first generator steps, where p_g moves "
                + "towards p_data, and (d) the end, where p_g is close to p_data and D is close to ½.\n\n");
            text.Append($"![The four phases of training]({TheoryExperiments.PhasesFigure})\n");
        }
        else
        {
            text.Append("The phases figure was not drawn in this run, because this build of GanSharp cannot capture or draw phases yet.\n");
        }

        return text.ToString();
    }

    private static string Outcome(TargetCheck target) => string.Create(
        Invariant, $"(target {target.Quantity} ≤ {target.Limit}, measured {target.Value:G3}: {(target.Met ? "met" : "missed")})");
}
