using CdsHooksIcans.Service.Feedback;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Health;

/// <summary>Ready only when the feedback store answers and has its schema.</summary>
internal sealed class FeedbackStoreHealthCheck(IFeedbackStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.IsReadyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The feedback store has no schema yet.");
        }
#pragma warning disable CA1031 // Any failure to reach the store means "not ready", which is the answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The feedback store cannot be reached.", exception);
        }
    }
}
