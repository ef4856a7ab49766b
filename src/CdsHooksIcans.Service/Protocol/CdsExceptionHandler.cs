using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hosting;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// The one place where failures become HTTP answers: refused requests keep their 4xx, unobtainable data is 412,
/// a store that cannot be reached is 503, a client that hung up gets 499 without a body, anything else is a 500 whose body
/// says nothing about the failure.
/// </summary>
internal sealed class CdsExceptionHandler(ILogger<CdsExceptionHandler> logger, TimeProvider time) : IExceptionHandler
{
    public const int ClientClosedRequest = 499;

    // An outage fails every call: one line per dependency per interval says so without flooding the log.
    private static readonly TimeSpan OutageLogInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private readonly LogThrottle _outages = new(time, OutageLogInterval);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            ProtocolLog.ClientClosedRequest(logger);
            context.Response.StatusCode = ClientClosedRequest;
            return true;
        }

        var (statusCode, issues) = Map(exception, context.TraceIdentifier);
        if (statusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (statusCode == StatusCodes.Status412PreconditionFailed && context.Features.Get<HookCallScope>() is { } call)
        {
            call.PreconditionFailure = exception is RequiredDataUnavailableException ? "required_data_unavailable" : "deadline_exceeded";
        }

        await OperationOutcomes.WriteAsync(context.Response, statusCode, OperationOutcomes.From(issues), cancellationToken);
        return true;
    }

    private (int StatusCode, IReadOnlyList<ProtocolIssue> Issues) Map(Exception exception, string traceId)
    {
        switch (exception)
        {
            case CdsRequestException refused:
                var first = refused.Issues[0];
                ProtocolLog.RequestRefused(logger, refused.StatusCode, first.Code.ToString(), first.Expression);
                return (refused.StatusCode, refused.Issues);

            case RequiredDataUnavailableException unavailable:
                ProtocolLog.RequiredDataUnavailable(logger, string.Join(", ", unavailable.Missing.Select(m => m.Key)));
                return (StatusCodes.Status412PreconditionFailed,
                    [.. unavailable.Missing.Select(m => new ProtocolIssue(
                        OperationOutcome.IssueType.Incomplete, $"Required data '{m.Key}' is unavailable: {m.Reason}", $"prefetch.{m.Key}"))]);

            case DependencyUnavailableException unavailable:
                LogOutage(unavailable);
                return (StatusCodes.Status503ServiceUnavailable,
                    [new ProtocolIssue(OperationOutcome.IssueType.Transient, $"The {unavailable.Dependency} is unavailable; try again shortly.")]);

            // The client is still there, so a deadline of ours ran out while gathering data.
            case OperationCanceledException:
                ProtocolLog.DeadlineExceeded(logger);
                return (StatusCodes.Status412PreconditionFailed,
                    [new ProtocolIssue(OperationOutcome.IssueType.Timeout, "The required FHIR data could not be obtained in time.")]);

            default:
                ProtocolLog.UnexpectedFailure(logger, exception, traceId);
                return (StatusCodes.Status500InternalServerError,
                    [new ProtocolIssue(OperationOutcome.IssueType.Exception, $"The service failed unexpectedly. Trace id: {traceId}.")]);
        }
    }

    private void LogOutage(DependencyUnavailableException unavailable)
    {
        var dependency = unavailable.Dependency;
        if (_outages.ShouldLog(ref dependency, out var calls))
        {
            ProtocolLog.DependencyUnavailable(logger, dependency, unavailable.Reason, calls);
        }
    }
}
