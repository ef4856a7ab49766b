using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>Keeps every log entry (message, scopes, exception) as text so tests can check what is and is not logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>Everything logged, as one text, for "never logged" assertions.</summary>
    public string AllText() => string.Join('\n', Entries.Select(e => $"{e.Category} {e.Message} {string.Join(' ', e.Scopes)} {e.Exception}"));

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<string> Scopes, string? Exception)
    {
        public IReadOnlyDictionary<string, object?> ScopeValues { get; init; } = new Dictionary<string, object?>();

        /// <summary>The message template's fields, as a structured sink (JSON, OTLP) receives them.</summary>
        public IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            var values = new Dictionary<string, object?>();
            provider._scopes.ForEachScope((scope, _) =>
            {
                scopes.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        values[key] = value;
                    }
                }
            }, (object?)null);
            var fields = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> stateValues)
            {
                foreach (var (key, value) in stateValues)
                {
                    fields[key] = value;
                }
            }

            provider.Entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), scopes, exception?.ToString())
            {
                ScopeValues = values,
                Values = fields,
            });
        }
    }
}
