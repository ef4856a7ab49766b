namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>
/// The real clock moved so that it reads <c>reference</c> when created. Only the wall clock is shifted: timers and
/// timestamps stay real, so the service's deadlines and attempt timeouts fire (a FakeTimeProvider would stop them).
/// </summary>
public sealed class ShiftedClock(DateTimeOffset reference) : TimeProvider
{
    private readonly TimeSpan _shift = reference - TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _shift;
}

/// <summary>
/// A wall clock that always reads <c>now</c>, with real timers and timestamps: answers that stamp the time (the suggested
/// grade Observation) are then equal across calls. The hook's own deadline runs on timestamps and timers, so it still
/// fires; only a Retry-After date would be judged against the frozen time, which these tests do not send.
/// </summary>
public sealed class FrozenWallClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
