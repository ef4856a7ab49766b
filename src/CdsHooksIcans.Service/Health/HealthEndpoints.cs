using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Health;

/// <summary>
/// <c>/healthz</c>: the process answers (no checks run). <c>/readyz</c>: every health check tagged
/// <see cref="ReadyTag"/> passes. Content loaders contribute with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;("cards", tags: [HealthEndpoints.ReadyTag])</c>.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapCdsHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}
