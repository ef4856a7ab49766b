namespace CdsHooksIcans.Service.Protocol;

// What the protocol layer logs. Never bodies, tokens, Authorization headers or patient data:
// service id and hookInstance come from the log scope (HookCallScope); values logged here are ours.
internal static partial class ProtocolLog
{
    // The access log: its fields are the template's, so a JSON formatter or a collector reads them without the scope.
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "CDS {Kind} {ServiceId} ({Hook}, hookInstance {HookInstance}) answered {StatusCode} in {ElapsedMs:0.0} ms; FHIR requests: {FhirRequests}")]
    public static partial void CallCompleted(
        ILogger logger, string kind, string serviceId, string hook, string? hookInstance, int statusCode, double elapsedMs, int fhirRequests);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Request refused with {StatusCode}: {IssueCode} at {Expression}")]
    public static partial void RequestRefused(ILogger logger, int statusCode, string issueCode, string? expression);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Required data unavailable, answering 412: {Keys}")]
    public static partial void RequiredDataUnavailable(ILogger logger, string keys);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The hook call ran out of time, answering 412")]
    public static partial void DeadlineExceeded(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "The client closed the request")]
    public static partial void ClientClosedRequest(ILogger logger);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Unexpected failure, answering 500 (trace {TraceId})")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "The {Dependency} is unavailable ({Reason}): answered 503 to {Calls} call(s) since the last such line (at most one every 10 s)")]
    public static partial void DependencyUnavailable(ILogger logger, string dependency, string reason, long calls);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Feedback received: {Received} item(s), {Stored} new")]
    public static partial void FeedbackStored(ILogger logger, int received, int stored);
}
