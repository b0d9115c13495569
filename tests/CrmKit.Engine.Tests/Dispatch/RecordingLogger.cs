using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmKit.Engine.Tests.Dispatch;

/// <summary>Keeps every log entry (event id, level, formatted message, structured values) for assertions.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
        Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception), values));
    }
}
