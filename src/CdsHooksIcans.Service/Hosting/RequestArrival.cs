namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// When a request entered the pipeline (a <see cref="TimeProvider.GetTimestamp"/> value), set first thing for every
/// request: the hook deadline counts from here, not from when gathering starts.
/// </summary>
public sealed record RequestArrival(long Timestamp);
