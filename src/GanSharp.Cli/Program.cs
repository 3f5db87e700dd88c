using System.CommandLine;
using GanSharp.Cli;

var root = new RootCommand("GanSharp: train generative adversarial networks and look inside them.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
};

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    var commandName = parseResult.CommandResult.Command.Name;

    // System.CommandLine 2.0.0 puts each allowed value of an option on its own tab-indented line, so the
    // message is joined into the one line that every gansharp error keeps to.
    var message = string.Join(' ', parseResult.Errors[0].Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    var separator = message.EndsWith('.') ? " " : ". ";
    Console.Error.WriteLine($"gansharp: {message}{separator}Run 'gansharp {commandName} --help' for the options.");
    return ExitCodes.InvalidInput;
}

return parseResult.Invoke();
