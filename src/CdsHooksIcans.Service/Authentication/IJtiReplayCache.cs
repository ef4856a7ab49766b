using System.Collections.Concurrent;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// Remembers token ids so a captured token cannot be replayed. Behind an interface so several instances of the service
/// can share one store (e.g. Redis with SET NX and an expiry).
/// </summary>
public interface IJtiReplayCache
{
    /// <summary>Records <paramref name="jti"/> of <paramref name="issuer"/> until <paramref name="expires"/>; false when it was already recorded.</summary>
    ValueTask<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expires, CancellationToken cancellationToken);
}

/// <summary>The replay cache of a single instance: entries live until their token expires, then are swept.</summary>
internal sealed class InMemoryJtiReplayCache(TimeProvider time) : IJtiReplayCache
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Issuer, string Jti), DateTimeOffset> _seen = new();
    private long _nextSweepTicks;

    public ValueTask<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        SweepIfDue(now);

        // An id kept a little past its token's expiry (until the next sweep) refuses nothing valid: that token fails exp.
        return ValueTask.FromResult(_seen.TryAdd((issuer, jti), expires));
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        // One caller per interval sweeps; the others go on without waiting.
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var entry in _seen)
        {
            if (entry.Value < now)
            {
                _seen.TryRemove(entry);
            }
        }
    }
}
