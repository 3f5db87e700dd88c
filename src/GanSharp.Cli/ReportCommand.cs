using System.CommandLine;
using GanSharp.Reporting;

namespace GanSharp.Cli;

/// <summary><c>gansharp report</c>: writes a run folder's report.html, one page that needs no network.</summary>
internal static class ReportCommand
{
    private static readonly Option<string> Run = new("--run")
    {
        Description = "Run folder written by gansharp train.",
        Required = true,
    };

    private static readonly Option<string?> Output = new("--out")
    {
        Description = "HTML file to write (default: report.html in the run folder).",
    };

    public static Command Create()
    {
        var command = new Command("report", "Write report.html for a run folder: configuration, curves, samples over time, theory and evaluation numbers, with every picture embedded.")
        {
            Run, Output,
        };
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult)));
        return command;
    }

    private static int Execute(ParseResult parseResult)
    {
        var folder = parseResult.GetValue(Run)!;
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ArgumentException("Invalid --run '': give the run folder, for example runs/my-run.");
        }

        var output = parseResult.GetValue(Output);
        if (output is not null && (string.IsNullOrWhiteSpace(output) || Directory.Exists(output)))
        {
            throw new ArgumentException(
                $"Invalid --out '{output}': name the HTML file to write, for example {Path.Combine(output, RunReport.FileName)}, or leave --out out to write it into the run folder.");
        }

        var path = RunReport.Write(folder, output);
        Console.WriteLine($"Wrote {path}");
        return ExitCodes.Success;
    }
}
