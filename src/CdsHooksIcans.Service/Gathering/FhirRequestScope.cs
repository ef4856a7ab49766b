namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// What the HTTP pipeline needs to know about the hook call it serves: its deadline (so a Retry-After that cannot fit is
/// not waited for) and a count of the requests actually sent. The FhirClient builds its own request messages, so the scope
/// flows to the handlers as ambient async state rather than on the message.
/// </summary>
internal sealed class FhirRequestScope
{
    private static readonly AsyncLocal<FhirRequestScope?> CurrentScope = new();
    private int _requestsSent;

    private FhirRequestScope(DateTimeOffset deadline, TimeProvider timeProvider)
    {
        Deadline = deadline;
        TimeProvider = timeProvider;
    }

    /// <summary>The scope of the hook call on this async flow, if any.</summary>
    public static FhirRequestScope? Current => CurrentScope.Value;

    public DateTimeOffset Deadline { get; }

    public TimeProvider TimeProvider { get; }

    public int RequestsSent => Volatile.Read(ref _requestsSent);

    public TimeSpan Remaining => Deadline - TimeProvider.GetUtcNow();

    /// <summary>
    /// Starts a scope for the calling async method and the work it starts. Setting an AsyncLocal inside an async method
    /// does not leak to its caller, so no explicit end is needed.
    /// </summary>
    public static FhirRequestScope Begin(TimeSpan budget, TimeProvider timeProvider)
    {
        var scope = new FhirRequestScope(timeProvider.GetUtcNow() + budget, timeProvider);
        CurrentScope.Value = scope;
        return scope;
    }

    public void CountRequest() => Interlocked.Increment(ref _requestsSent);
}
