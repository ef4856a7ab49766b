using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// The console logger with its lines written in batches. The framework's console logger wakes its writer thread for
/// every line when the queue was empty, which under load is every line, and with one access-log line per hook call that
/// wake-up showed in the throughput (docs/adr/0012). Here the writer wakes at most once
/// per <see cref="BatchInterval"/> and writes what has gathered in one go. Lines are formatted by the configured console
/// formatter (<c>Logging:Console:FormatterName</c>, simple by default), so they read as before, in the same order.
/// </summary>
[ProviderAlias("Console")]
internal sealed class BatchedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    /// <summary>How long the writer lets lines gather after the first one arrives: the most a line waits.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(50);

    // Beyond this many waiting lines (a blocked stdout), new lines are dropped and counted rather than slowing the calls.
    private const int MaxQueuedLines = 10_000;

    [ThreadStatic]
    private static StringWriter? t_line;

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(MaxQueuedLines) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    private readonly ConsoleFormatter _formatter;
    private readonly TextWriter _output;
    private readonly Task _writing;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    private int _dropped;
    private volatile bool _stopping;

    public BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024))
    {
    }

    internal BatchedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, TextWriter output)
    {
        var name = options.CurrentValue.FormatterName ?? ConsoleFormatterNames.Simple;
        _formatter = formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? formatters.First(f => f.Name == ConsoleFormatterNames.Simple);
        _output = output;
        _writing = Task.Run(WriteBatchesAsync);
    }

    /// <summary>The console formatter in use (<c>simple</c>, <c>json</c>, <c>systemd</c> or a registered custom one).</summary>
    internal string FormatterName => _formatter.Name;

    public ILogger CreateLogger(string categoryName) => new BatchedConsoleLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        // Whatever was logged before shutdown is written, without waiting for more.
        _stopping = true;
        _lines.Writer.TryComplete();
        _writing.Wait(TimeSpan.FromSeconds(5));
        _output.Dispose();
    }

    private void Enqueue<TState>(in LogEntry<TState> entry)
    {
        var line = t_line ??= new StringWriter(new StringBuilder(256), System.Globalization.CultureInfo.InvariantCulture);
        var builder = line.GetStringBuilder();
        // Cleared first: a formatter that threw on this thread's last line must not leave half of it in front of this one.
        builder.Clear();
        _formatter.Write(entry, _scopes, line);
        if (builder.Length > 0 && !_lines.Writer.TryWrite(builder.ToString()))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteBatchesAsync()
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // One wake-up per batch, not per line. Once the provider is disposed nothing more arrives: no wait.
            // (reader.Completion would not tell: it completes only when the last line has been read.)
            if (!_stopping)
            {
                await Task.Delay(BatchInterval).ConfigureAwait(false);
            }

            while (reader.TryRead(out var line))
            {
                await _output.WriteAsync(line).ConfigureAwait(false);
            }

            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
            {
                await _output.WriteAsync(DroppedLine(dropped)).ConfigureAwait(false);
            }

            await _output.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The warning about dropped lines, in the configured format like every other line (a JSON reader must parse it too).</summary>
    private string DroppedLine(int dropped)
    {
        using var line = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{dropped} log lines were dropped: the console did not keep up.");
        _formatter.Write(
            new LogEntry<string>(LogLevel.Warning, typeof(BatchedConsoleLoggerProvider).FullName!, default, message, null, static (text, _) => text), null, line);
        return line.ToString();
    }

    private sealed class BatchedConsoleLogger(BatchedConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        // Levels are filtered by the logger factory's rules for the "Console" alias, as for the framework's console logger.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Enqueue(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }
    }
}
