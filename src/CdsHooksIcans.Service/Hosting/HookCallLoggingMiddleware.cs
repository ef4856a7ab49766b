using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Telemetry;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// Opens a <see cref="HookCallScope"/> for each call to a known CDS service (a hook call or its feedback) and logs its
/// final status, elapsed time and FHIR requests; a hook call is also a span and a measurement (<see cref="CdsTelemetry"/>).
/// It runs outside the exception handler, so the status logged is the one the client received.
/// </summary>
internal sealed class HookCallLoggingMiddleware(RequestDelegate next, ServiceCatalog catalog, CdsTelemetry telemetry, TimeProvider time, ILogger<HookCallLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Unknown ids are attacker-chosen text: they get a 404 but no log scope.
        if (context.GetRouteValue("id") is not string id || catalog.Find(id) is not { } handler)
        {
            await next(context);
            return;
        }

        var hook = handler.Definition.Hook;
        var feedback = context.GetRouteValue("controller") is "Feedback";
        var scope = new HookCallScope(id);
        scope.MakeCurrent();
        context.Features.Set(scope);
        using (logger.BeginScope(scope))
        {
            using var activity = feedback ? null : telemetry.StartHookCall(id, hook);
            var started = time.GetTimestamp();
            await next(context);
            var elapsed = time.GetElapsedTime(started);
            var status = context.Response.StatusCode;
            if (!feedback)
            {
                telemetry.HookCallCompleted(activity, id, hook, status, elapsed, scope.FhirRequests, scope.PreconditionFailure);
            }

            ProtocolLog.CallCompleted(logger, feedback ? "feedback" : "hook", id, hook, scope.HookInstance, status, elapsed.TotalMilliseconds, scope.FhirRequests);
        }
    }
}
