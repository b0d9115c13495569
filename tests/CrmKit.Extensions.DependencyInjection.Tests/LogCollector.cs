using Microsoft.Extensions.Logging;

namespace CrmKit.Extensions.DependencyInjection.Tests;

/// <summary>Collects every formatted log message, from every category, at every level.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    public List<string> Messages { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Collector(this);

    public void Dispose()
    {
    }

    private sealed class Collector(LogCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Messages)
            {
                owner.Messages.Add(formatter(state, exception));
            }
        }
    }
}
