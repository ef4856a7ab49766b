using CdsHooksIcans.Service.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Health;

/// <summary>Not ready while a shared (Redis) replay cache cannot be reached: every authenticated call fails closed then.</summary>
internal sealed class ReplayCacheHealthCheck(IJtiReplayCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (cache is not RedisJtiReplayCache redis)
        {
            return HealthCheckResult.Healthy("In-memory replay cache.");
        }

        try
        {
            await redis.IsReachableAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure to reach Redis means "not ready", which is the answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The Redis replay cache cannot be reached.", exception);
        }
    }
}
