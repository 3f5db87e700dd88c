using System.CommandLine;

namespace GanSharp.Cli;

/// <summary>Options that every subcommand accepts.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Also print information messages: the start and end of a run, each checkpoint written and the resume point.",
        Recursive = true,
    };
}
