using System.CommandLine;
using GanSharp.Training;
using System.Globalization;
using GanSharp.Theory;
using Spectre.Console;

namespace GanSharp.Cli;

/// <summary>
/// <c>gansharp theory</c>: checks the theory of Goodfellow et al. (2014) numerically and writes theory.json,
/// theory.md and the figures.
/// </summary>
internal static class TheoryCommand
{
    private static readonly Option<string> Output = new("--out")
    {
        Description = "Folder to create for theory.json, theory.md and the figures; must be new or empty.",
        Required = true,
    };

    private static readonly Option<long> Seed = new("--seed")
    {
        Description = "Seed of every demonstration: weights, minibatches, noise and evaluation samples.",
        DefaultValueFactory = _ => TheoryExperiments.DefaultSeed,
    };

    public static Command Create()
    {
        var command = new Command(
            "theory",
            "Check the GAN theory numerically: the optimal discriminator D*, C(G) = −ln 4 + 2·JSD, the minimum −ln 4, and a full "
            + $"1-D training run. Exit code {ExitCodes.Success} when every target is met, {ExitCodes.TargetMissed} when one is missed, "
            + $"{ExitCodes.InvalidInput} for invalid options or an unusable --out folder.")
        {
            Output, Seed,
        };
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult)));
        return command;
    }

    private static int Execute(ParseResult parseResult)
    {
        var requestedOutput = parseResult.GetValue(Output)!;
        if (string.IsNullOrWhiteSpace(requestedOutput))
        {
            throw new ArgumentException("Invalid --out '': give the path of a new or empty folder, for example theory-run.");
        }

        var seed = parseResult.GetValue(Seed);
        TrainingOptions.ValidateSeed(seed);
        var output = TheoryExperiments.PrepareOutputDirectory(requestedOutput);
        Console.WriteLine($"Running the theory demonstrations with seed {seed} (about 5 s on an idle 2-core machine, longer when other work loads it)...");

        var report = TheoryExperiments.Run(output, seed, ConsoleLogger.Create(parseResult.GetValue(CommonOptions.Verbose)));

        Console.WriteLine();
        WriteTable(report);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {TheoryReport.JsonFileName}, {TheoryReport.MarkdownFileName} and {report.Figures.Count} figures to {output} in {report.Seconds:F0} s."));
        if (report.AllTargetsMet)
        {
            return ExitCodes.Success;
        }

        Console.Error.WriteLine(
            $"gansharp: targets missed: {string.Join(", ", report.Targets.Where(target => !target.Met).Select(target => target.Name))}. See theory.md.");
        return ExitCodes.TargetMissed;
    }

    /// <summary>Prints the targets as a Spectre.Console table on a terminal, and as plain aligned columns otherwise.</summary>
    private static void WriteTable(TheoryReport report)
    {
        if (!Terminal.IsInteractive)
        {
            Console.WriteLine(FormatTable(report));
            return;
        }

        var rows = TableRows(report);
        var table = new Table();
        foreach (var header in rows[0])
        {
            table.AddColumn(header);
        }

        foreach (var row in rows.Skip(1))
        {
            var met = row[^1] == "yes";
            table.AddRow(row.Select((cell, column) => column == row.Length - 1
                ? new Markup(Markup.Escape(cell), new Style(met ? Color.Green : Color.Red))
                : new Markup(Markup.Escape(cell))));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Formats one row per target: the quantity, its value, its limit and whether it was met.</summary>
    internal static string FormatTable(TheoryReport report)
    {
        var rows = TableRows(report);

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return string.Join('\n', rows.Select(row =>
            string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()));
    }

    private static List<string[]> TableRows(TheoryReport report)
    {
        var rows = new List<string[]> { new[] { "target", "quantity", "value", "limit", "met" } };
        rows.AddRange(report.Targets.Select(target => new[]
        {
            target.Name,
            target.Quantity,
            target.Value.ToString("G4", CultureInfo.InvariantCulture),
            "<= " + target.Limit.ToString("G4", CultureInfo.InvariantCulture),
            target.Met ? "yes" : "NO",
        }));
        return rows;
    }
}
