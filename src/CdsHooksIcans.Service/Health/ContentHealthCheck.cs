using CdsHooksIcans.Service.Hooks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Health;

/// <summary>Ready once the terminology and the cards are loaded and both services are defined from them.</summary>
internal sealed class ContentHealthCheck(IcansContent content, ServiceCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(content.Cards.Templates.Count > 0 && catalog.Find(ServiceDefinitions.PatientViewId) is not null && catalog.Find(ServiceDefinitions.OrderSignId) is not null
            ? HealthCheckResult.Healthy($"{content.Cards.Templates.Count} cards")
            : HealthCheckResult.Unhealthy("Clinical content or service definitions are missing."));
}
