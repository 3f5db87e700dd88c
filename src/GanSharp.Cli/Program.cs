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
    Console.Error.WriteLine($"gansharp: {parseResult.Errors[0].Message} Run 'gansharp {commandName} --help' for the options.");
    return ExitCodes.InvalidInput;
}

return parseResult.Invoke();
