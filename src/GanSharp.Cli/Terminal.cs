namespace GanSharp.Cli;

/// <summary>Decides between the live terminal display (Spectre.Console) and plain lines for logs and pipes.</summary>
internal static class Terminal
{
    /// <summary>
    /// True when both standard output and standard error go to a terminal that can redraw lines. Output into a
    /// file, a pipe or a CI log gets plain lines, and so does <c>TERM=dumb</c>.
    /// </summary>
    public static bool IsInteractive { get; } =
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
}
