using System.CommandLine;
using System.Globalization;
using GanSharp.Evaluation;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary><c>gansharp evaluate</c>: measures a trained run and writes evaluation.json and evaluation.md into its folder.</summary>
internal static class EvaluateCommand
{
    private static readonly Option<string> Run = new("--run") { Description = "Run folder written by gansharp train.", Required = true };

    private static readonly Option<string?> TestData = new("--test-data")
    {
        Description = "IDX image file that replaces the run's test split in the Parzen estimate, for example the MNIST test set t10k-images-idx3-ubyte.gz.",
    };

    private static readonly Option<long> Seed = new("--seed")
    {
        Description = "Seed of the generator's noise (default 0, as gansharp sample).",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int?> Samples = new("--samples")
    {
        Description = "Generated samples (default: 10000 for images, 2500 for points, as the published protocols).",
    };

    public static Command Create()
    {
        var command = new Command(
            "evaluate",
            "Measure a trained run: Parzen log-likelihood and digit-classifier metrics for images, mode coverage for ring8 and grid25.")
        {
            Run, TestData, Seed, Samples,
        };
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult)));
        return command;
    }

    private static int Execute(ParseResult parseResult)
    {
        var seed = parseResult.GetValue(Seed);
        if (seed < 0)
        {
            throw new ArgumentException($"Invalid --seed {seed}: use a whole number from 0 up.");
        }

        var run = RunFolder.Open(parseResult.GetValue(Run)!);
        var options = new EvaluationOptions(seed, parseResult.GetValue(Samples), parseResult.GetValue(TestData));
        var report = RunEvaluator.Evaluate(run, options, ConsoleLogger.Create(parseResult.GetValue(CommonOptions.Verbose)));
        RunEvaluator.Write(report, run.Directory);

        foreach (var line in Summarise(report))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"Wrote {Path.Combine(run.Directory, EvaluationReport.JsonFileName)} and {EvaluationReport.MarkdownFileName} in {report.Seconds:F0} s.");
        return ExitCodes.Success;
    }

    private static IEnumerable<string> Summarise(EvaluationReport report)
    {
        if (report.Parzen is { } parzen)
        {
            yield return FormattableString.Invariant(
                $"Parzen log-likelihood: {parzen.Result.TestMean:F1} ± {parzen.Result.TestStandardError:F1} nats (σ = {parzen.Result.Sigma:G4}, {parzen.Result.TestCount} test images; real training images as centres: {parzen.RealCentres.TestMean:F1})");
        }

        if (report.DigitFeatures is { } digits)
        {
            yield return FormattableString.Invariant(
                $"Fréchet digit distance (not FID): {digits.FrechetDigitDistance:F3} (real test split: {digits.FrechetDigitDistanceOfTestSplit:F3})");
            yield return FormattableString.Invariant(
                $"Precision {digits.PrecisionRecall.Precision:F3}, recall {digits.PrecisionRecall.Recall:F3} (k = {digits.PrecisionRecall.K})");
            yield return FormattableString.Invariant(
                $"Classes with at least 1 % of samples: {digits.ClassCoverage.ClassesCovered} of 10, KL from uniform {digits.ClassCoverage.KullbackLeiblerFromUniform:F4} nats (classifier test accuracy {digits.Classifier.TestAccuracy * 100:F2} %)");
        }

        if (report.ModeCoverage is { } modes)
        {
            var divergence = modes.Result.KullbackLeiblerFromUniform?.ToString("F4", CultureInfo.InvariantCulture) ?? "undefined";
            yield return FormattableString.Invariant(
                $"Modes covered: {modes.Result.ModesCovered} of {modes.Result.ModeCount}, high quality {modes.Result.HighQualityShare * 100:F1} %, KL from uniform {divergence}");
        }
    }
}
