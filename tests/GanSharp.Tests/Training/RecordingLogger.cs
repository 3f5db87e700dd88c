using Microsoft.Extensions.Logging;

namespace GanSharp.Tests.Training;

/// <summary>Logger that stores the warning and information messages it receives.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<string> Warnings { get; } = [];

    public List<string> Informations { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Warning)
        {
            Warnings.Add(formatter(state, exception));
        }
        else if (logLevel == LogLevel.Information)
        {
            Informations.Add(formatter(state, exception));
        }
    }
}
