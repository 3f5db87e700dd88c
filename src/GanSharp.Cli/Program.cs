using System.CommandLine;
using GanSharp.Cli;

var root = new RootCommand("GanSharp: train generative adversarial networks and look inside them.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    TheoryCommand.Create(),
};

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    var commandName = parseResult.CommandResult.Command.Name;

    // System.CommandLine 2.0.0 puts each allowed value of an option on its own tab-indented line, so the
    // message is joined into the one line that every gansharp error keeps to.
    var message = string.Join(' ', parseResult.Errors[0].Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    message = message
        .Replace("'System.Nullable`1[System.Int32]'", "whole number", StringComparison.Ordinal)
        .Replace("'System.Nullable`1[System.Int64]'", "whole number", StringComparison.Ordinal)
        .Replace("'System.Nullable`1[System.Double]'", "number", StringComparison.Ordinal)
        .Replace("'System.Int32'", "whole number", StringComparison.Ordinal)
        .Replace("'System.Int64'", "whole number", StringComparison.Ordinal);
    message = System.Text.RegularExpressions.Regex.Replace(
        message, "^Cannot parse argument '(.*)' for option '(.*)' as expected type (.*)\\.$", "Invalid $2 '$1': expected a $3.");
    var separator = message.EndsWith('.') ? " " : ". ";
    Console.Error.WriteLine($"gansharp: {message}{separator}Run 'gansharp {commandName} --help' for the options.");
    return ExitCodes.InvalidInput;
}

return parseResult.Invoke();
