using System.Net.Sockets;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Telemetry;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Each FHIR request attempt (inside the resilience handler, so every retry counts and a circuit-rejected call does not):
/// counted for the gather phase and the hook call, a span and a measurement, and a failed attempt as one Warning line
/// with its reason: the status code, or the exception's type and HTTP error, never a stack
/// trace or a URL (search URLs carry patient ids). Polly's own per-attempt and per-retry lines are turned off
/// (<see cref="FhirResiliencePipeline"/>), so this is the one line per failed attempt.
/// </summary>
internal sealed partial class FhirAttemptTelemetryHandler(CdsTelemetry telemetry, TimeProvider time, ILogger<FhirAttemptTelemetryHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FhirRequestScope.Current?.CountRequest();
        HookCallScope.Current?.CountFhirRequest();
        var kind = FhirRequestKind.Of(request.RequestUri);
        using var activity = telemetry.StartFhirRequest(request.Method.Method, kind);
        var started = time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex)
        {
            telemetry.FhirRequestCompleted(activity, kind, null, ex.GetType().Name, time.GetElapsedTime(started));
            LogAttemptFailed(request.Method.Method, kind.ResourceType, request.RequestUri?.Authority, Describe(ex));
            throw;
        }

        var status = (int)response.StatusCode;
        telemetry.FhirRequestCompleted(activity, kind, status, null, time.GetElapsedTime(started));
        if (!response.IsSuccessStatusCode)
        {
            LogAttemptFailed(request.Method.Method, kind.ResourceType, request.RequestUri?.Authority, "answered " + status);
        }

        return response;
    }

    /// <summary>The failure's kind, from the exception's type and enums: messages can quote a URL, so none is logged.</summary>
    private static string Describe(Exception failure) => failure switch
    {
        OperationCanceledException when FhirRequestScope.Current?.Remaining <= TimeSpan.Zero => "no answer before the hook's deadline",
        OperationCanceledException => "no answer within the attempt timeout (or the call was cancelled)",
        HttpRequestException { InnerException: SocketException socket } http => $"{nameof(HttpRequestException)} {http.HttpRequestError} ({socket.SocketErrorCode})",
        HttpRequestException http => $"{nameof(HttpRequestException)} {http.HttpRequestError}",
        _ => failure.GetType().Name,
    };

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "FHIR {Method} {ResourceType} attempt on {FhirServer} failed: {Reason}")]
    private partial void LogAttemptFailed(string method, string resourceType, string? fhirServer, string reason);
}
