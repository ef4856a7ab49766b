namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// A store the answer depends on (the shared replay cache, the feedback database) cannot be reached: the call is answered
/// 503 with an OperationOutcome, and the client may try again later. The reason names a failure type, never data.
/// </summary>
public sealed class DependencyUnavailableException(string dependency, string reason)
    : Exception($"The {dependency} is unavailable ({reason}).")
{
    public string Dependency { get; } = dependency;

    public string Reason { get; } = reason;
}
