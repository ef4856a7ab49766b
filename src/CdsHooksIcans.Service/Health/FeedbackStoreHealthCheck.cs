using CdsHooksIcans.Service.Feedback;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Health;

/// <summary>
/// Degraded, not unhealthy, when the feedback store cannot be reached: hooks still answer without it, so a replica must not
/// be taken out of service for it (readiness stays 200; the body says Degraded).
/// </summary>
internal sealed class FeedbackStoreHealthCheck(IFeedbackStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("The feedback store has no schema yet.");
        }
#pragma warning disable CA1031 // Any failure to reach the store means "not ready", which is the answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Degraded("The feedback store cannot be reached.", exception);
        }
    }
}
