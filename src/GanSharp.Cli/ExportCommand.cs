using System.CommandLine;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary><c>gansharp export</c>: writes a run's final weights in another framework's format.</summary>
internal static class ExportCommand
{
    private static readonly Option<string> Run = new("--run") { Description = "Run folder written by gansharp train.", Required = true };

    private static readonly Option<string> Format = new Option<string>("--format")
    {
        Description = "Output format: pytorch, state dictionaries that torch.load reads (default).",
        DefaultValueFactory = _ => "pytorch",
    }.AcceptOnlyFromAmong("pytorch");

    private static readonly Option<string?> Output = new("--out")
    {
        Description = "Folder for generator.pt and discriminator.pt (default: pytorch inside the run folder). Files of the same names are replaced.",
    };

    public static Command Create()
    {
        var command = new Command("export", "Write a run's final generator and discriminator as PyTorch state dictionaries (see docs/PYTORCH.md).")
        {
            Run, Format, Output,
        };
        command.SetAction(parseResult => CommandRunner.Run(() => Execute(parseResult)));
        return command;
    }

    private static int Execute(ParseResult parseResult)
    {
        var runFolder = RunFolder.Open(parseResult.GetValue(Run)!);
        var output = parseResult.GetValue(Output);
        if (output is not null && string.IsNullOrWhiteSpace(output))
        {
            throw new ArgumentException("Invalid --out '': give a folder for the exported files, or leave --out out.");
        }

        var (generator, discriminator) = runFolder.ExportPyTorch(output ?? Path.Combine(runFolder.Directory, RunFolder.DefaultPyTorchFolderName));
        Console.WriteLine($"Wrote {generator} and {discriminator}");
        return ExitCodes.Success;
    }
}
