using System.CommandLine;
using GanSharp.Cli;

var root = new RootCommand("GanSharp: train generative adversarial networks and look inside them.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    TheoryCommand.Create(),
    EvaluateCommand.Create(),
    ReportCommand.Create(),
    ExportCommand.Create(),
};
root.Options.Add(CommonOptions.Verbose);

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    // An unknown word is the likelier mistake than the missing command reported alongside it.
    var firstError = parseResult.Errors.FirstOrDefault(error => error.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
                     ?? parseResult.Errors[0];
    var command = parseResult.CommandResult.Command;
    var helpCommand = command is RootCommand ? "gansharp --help" : $"gansharp {command.Name} --help";

    // System.CommandLine 2.0.0 puts each allowed value of an option on its own tab-indented line, so the
    // message is joined into the one line that every gansharp error keeps to.
    var message = string.Join(' ', firstError.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    message = message
        .Replace("'System.Nullable`1[System.Int32]'", "whole number up to 2147483647", StringComparison.Ordinal)
        .Replace("'System.Nullable`1[System.Int64]'", "whole number up to 9223372036854775807", StringComparison.Ordinal)
        .Replace("'System.Nullable`1[System.Double]'", "number", StringComparison.Ordinal)
        .Replace("'System.Int32'", "whole number up to 2147483647", StringComparison.Ordinal)
        .Replace("'System.Int64'", "whole number up to 9223372036854775807", StringComparison.Ordinal);
    message = System.Text.RegularExpressions.Regex.Replace(
        message, "^Cannot parse argument '(.*)' for option '(.*)' as expected type (.*)\\.$", "Invalid $2 '$1': expected a $3.");
    var separator = message.EndsWith('.') ? " " : ". ";
    Console.Error.WriteLine($"gansharp: {message}{separator}Run '{helpCommand}' for the commands and options.");
    return ExitCodes.InvalidInput;
}

return parseResult.Invoke();
