using System.Collections.Concurrent;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// Lets a repeated log line through at most once per <see cref="Interval"/> per key (a client), and says how many events
/// the line stands for. Keys are bounded: past <see cref="MaxKeys"/>, keys whose interval has run out are forgotten (looked
/// for at most every tenth of an interval), and until then new keys share one, so a flood from many addresses grows
/// neither memory nor the log nor the work per event.
/// </summary>
internal sealed class LogThrottle(TimeProvider time, TimeSpan interval, int maxKeys = 1024)
{
    /// <summary>The key that new keys share when <see cref="MaxKeys"/> are all within their interval.</summary>
    public const string OverflowKey = "other clients";

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public TimeSpan Interval { get; } = interval;

    public int MaxKeys { get; } = maxKeys;

    /// <summary>Counts one event for <paramref name="key"/>; true when a line is due now.</summary>
    /// <param name="key">The client; replaced by <see cref="OverflowKey"/> when too many are tracked.</param>
    /// <param name="events">When a line is due: the events it stands for (this one and those held back since the last line).</param>
    public bool ShouldLog(ref string key, out long events)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (!_windows.TryGetValue(key, out var window))
        {
            if (_windows.Count >= MaxKeys)
            {
                if (now >= Interlocked.Read(ref _nextSweepTicks))
                {
                    Interlocked.Exchange(ref _nextSweepTicks, now + (Interval.Ticks / 10));
                    Forget(now);
                }

                if (_windows.Count >= MaxKeys)
                {
                    key = OverflowKey;
                }
            }

            window = _windows.GetOrAdd(key, static _ => new Window());
        }

        lock (window)
        {
            window.Events++;
            if (now < window.NextLineTicks)
            {
                events = 0;
                return false;
            }

            events = window.Events;
            window.Events = 0;
            window.NextLineTicks = now + Interval.Ticks;
            return true;
        }
    }

    private void Forget(long now)
    {
        foreach (var (key, window) in _windows)
        {
            if (key != OverflowKey && Volatile.Read(ref window.NextLineTicks) <= now)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        public long Events;
        public long NextLineTicks;
    }
}
