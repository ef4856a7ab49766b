using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// Opens a <see cref="HookCallScope"/> for each call to a known CDS service and logs its final status and elapsed
/// time. It runs outside the exception handler, so the status logged is the one the client received.
/// </summary>
internal sealed class HookCallLoggingMiddleware(RequestDelegate next, ServiceCatalog catalog, TimeProvider time, ILogger<HookCallLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Unknown ids are attacker-chosen text: they get a 404 but no log scope.
        if (context.GetRouteValue("id") is not string id || catalog.Find(id) is null)
        {
            await next(context);
            return;
        }

        var scope = new HookCallScope(id);
        context.Features.Set(scope);
        using (logger.BeginScope(scope))
        {
            var started = time.GetTimestamp();
            await next(context);
            ProtocolLog.CallCompleted(logger, context.Request.Method, context.Response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
