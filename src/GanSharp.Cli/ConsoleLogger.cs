using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace GanSharp.Cli;

/// <summary>
/// Logger of the command line, the one path by which the library's messages reach the user. It prints warnings as
/// <c>gansharp: warning: …</c>, and with <c>--verbose</c> also information such as the start and end of a run,
/// each checkpoint written and the resume point, as <c>gansharp: info: …</c>. Plain lines go to standard error.
/// On a terminal they go through Spectre.Console, which prints them above the live progress bar.
/// It drops errors, because every library error also raises an exception that <see cref="CommandRunner"/> prints.
/// </summary>
internal sealed class ConsoleLogger(LogLevel minimumLevel) : ILogger
{
    /// <summary>Returns the logger for the <c>--verbose</c> setting: information when set, warnings only otherwise.</summary>
    public static ConsoleLogger Create(bool verbose) => new(verbose ? LogLevel.Information : LogLevel.Warning);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) =>
        logLevel >= minimumLevel && logLevel is not (LogLevel.Error or LogLevel.Critical or LogLevel.None);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var label = logLevel switch
        {
            LogLevel.Warning => "warning",
            LogLevel.Information => "info",
            _ => "debug",
        };
        var line = $"gansharp: {label}: {formatter(state, exception)}";
        if (Terminal.IsInteractive)
        {
            var style = logLevel == LogLevel.Warning ? "yellow" : "grey";
            AnsiConsole.MarkupLine($"[{style}]{Markup.Escape(line)}[/]");
        }
        else
        {
            Console.Error.WriteLine(line);
        }
    }
}
