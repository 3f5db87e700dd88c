using Microsoft.Extensions.Logging;

namespace GanSharp.Cli;

/// <summary>
/// Logger of the command line: prints warnings to standard error as <c>gansharp: warning: …</c>. It drops
/// information, which the progress bar and the closing line already cover, and errors, because every library error
/// also raises an exception that <see cref="CommandRunner"/> prints.
/// </summary>
internal sealed class ConsoleWarningLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        Console.Error.WriteLine($"gansharp: warning: {formatter(state, exception)}");
    }
}
