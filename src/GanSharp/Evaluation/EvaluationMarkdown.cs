using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace GanSharp.Evaluation;

/// <summary>Formats an <see cref="EvaluationReport"/> as the short <c>evaluation.md</c> of a run folder.</summary>
public static class EvaluationMarkdown
{
    /// <summary>Returns the Markdown text: one section per metric, each with its protocol and the published figures it compares with.</summary>
    public static string Format(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, Invariant($"# Evaluation of {report.Run}"));
        Line(text);
        Line(text, Invariant($"Data `{report.Data}`, trained on split `{report.TrainingSplit}`; noise seed {report.Seed}; took {report.Seconds:F1} s."));
        Line(text);

        if (report.Parzen is { } parzen)
        {
            AppendParzen(text, parzen);
        }

        if (report.DigitFeatures is { } digits)
        {
            AppendDigitFeatures(text, digits);
        }

        if (report.ModeCoverage is { } modes)
        {
            AppendModeCoverage(text, report.Data, modes);
        }

        foreach (var note in report.Notes)
        {
            Line(text, Invariant($"Note: {note}"));
            Line(text);
        }

        return text.ToString();
    }

    private static void AppendParzen(StringBuilder text, ParzenEvaluation parzen)
    {
        var result = parzen.Result;
        Line(text, "## Parzen-window log-likelihood");
        Line(text);
        Line(text, Invariant($"**{result.TestMean:F1} ± {result.TestStandardError:F1} nats** with σ = {result.Sigma:G4}."));
        Line(text);
        Line(text, Invariant($"Protocol: {parzen.Protocol} Pixels in {parzen.PixelRange}."));
        Line(text, Invariant($"Validation: {parzen.ValidationData}. Test: {parzen.TestData}."));
        Line(text);
        Line(text, "| σ | " + string.Join(" | ", result.Sigmas.Select(sigma => sigma.ToString("G3", CultureInfo.InvariantCulture))) + " |");
        Line(text, "|---|" + string.Concat(result.Sigmas.Select(_ => "---|")));
        Line(text, "| validation mean | " + string.Join(" | ", result.ValidationMeans.Select(mean => mean.ToString("F1", CultureInfo.InvariantCulture))) + " |");
        Line(text);
        Line(text, Invariant($"With real images as centres ({parzen.RealCentresData}) in place of generated ones, the same protocol gives {parzen.RealCentres.TestMean:F1} ± {parzen.RealCentres.TestStandardError:F1} nats (σ = {parzen.RealCentres.Sigma:G4})."));
        Line(text);
        Line(text, "Published on the full MNIST test set of 10,000 digits (Goodfellow et al. 2014, Table 1): DBN 138 ± 2, "
                   + "stacked CAE 121 ± 1.6, deep GSN 214 ± 1.1, adversarial nets 225 ± 2.");
        Line(text);
    }

    private static void AppendDigitFeatures(StringBuilder text, DigitFeatureEvaluation digits)
    {
        Line(text, "## Digit-classifier metrics");
        Line(text);
        Line(text, Invariant($"Features: {digits.FeatureExtractor}; test-split accuracy {digits.Classifier.TestAccuracy:P2} ")
                   + Invariant($"on {digits.Classifier.TestCount} digits. Weights: `{digits.ClassifierWeights}`."));
        Line(text, Invariant($"Reference: {digits.Reference}."));
        Line(text);
        Line(text, "| metric | value | protocol |");
        Line(text, "|---|---|---|");
        Line(text, Invariant($"| Fréchet digit distance (FDD) | {digits.FrechetDigitDistance:F3} | {digits.GeneratedCount} generated against {digits.ReferenceCount} reference digits |"));
        Line(text, Invariant($"| FDD of the real test split | {digits.FrechetDigitDistanceOfTestSplit:F3} | 1,000 real test digits against the same reference |"));
        var pr = digits.PrecisionRecall;
        Line(text, Invariant($"| precision | {pr.Precision:F3} | k-NN manifolds, k = {pr.K}, {pr.GeneratedCount} generated and {pr.RealCount} reference digits |"));
        Line(text, Invariant($"| recall | {pr.Recall:F3} | same sets |"));
        var coverage = digits.ClassCoverage;
        Line(text, Invariant($"| classes with ≥ {coverage.MinimumShare:P0} of samples | {coverage.ClassesCovered} of {coverage.Histogram.Length} | predicted classes of {digits.GeneratedCount} generated digits |"));
        Line(text, Invariant($"| KL(class histogram ‖ uniform) | {coverage.KullbackLeiblerFromUniform:F4} nats | same predictions |"));
        Line(text);
        Line(text, "Class histogram (0 to 9): " + string.Join(", ", coverage.Histogram) + ".");
        Line(text);
        Line(text, "The FDD uses this classifier's features, not Inception features: it is not the FID and cannot be compared with published FID numbers.");
        Line(text);
    }

    private static void AppendModeCoverage(StringBuilder text, string data, PointModeEvaluation modes)
    {
        var result = modes.Result;
        Line(text, "## Mode coverage");
        Line(text);
        var divergence = result.KullbackLeiblerFromUniform is { } value ? value.ToString("F4", CultureInfo.InvariantCulture) + " nats" : "undefined (no high-quality sample)";
        Line(text, Invariant($"**{result.ModesCovered} of {result.ModeCount} modes covered, {result.HighQualityShare:P1} high-quality samples**, KL from uniform {divergence}."));
        Line(text);
        Line(text, Invariant($"Protocol: {modes.Protocol}"));
        Line(text, "High-quality samples per mode: " + string.Join(", ", result.HighQualityCounts) + ".");
        Line(text);
        var published = data == "ring8"
            ? "GAN 1 / 99.3, unrolled GAN 7.6 / 35.6, VEEGAN 8 / 52.9, PacGAN2 7.9 / 95.6"
            : "GAN 3.3 / 0.5, unrolled GAN 23.6 / 16, VEEGAN 24.6 / 40, PacGAN4 24.8 / 93.6";
        Line(text, Invariant($"Published (modes covered / % high quality, PacGAN paper, Lin et al. 2018): {published}."));
        Line(text);
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static void Line(StringBuilder text) => text.Append('\n');
}
