using System.Collections.Concurrent;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>The replay cache of a single instance: entries live until their token expires, then are swept.</summary>
internal sealed class InMemoryJtiReplayCache(TimeProvider time) : IJtiReplayCache
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Issuer, string Jti), DateTimeOffset> _seen = new();
    private long _nextSweepTicks;

    public ValueTask<bool> TryAddAsync(string issuer, string jti, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        SweepIfDue(time.GetUtcNow());

        // An id kept a little past its token's expiry (until the next sweep) refuses nothing valid: that token fails exp.
        return ValueTask.FromResult(_seen.TryAdd((issuer, jti), expiresOn));
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
