using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Telemetry;

namespace CdsHooksIcans.Service.Security;

/// <summary>
/// 401 and 429 answers: every one counted in metrics, logged at most once per <see cref="LogInterval"/> per client (its
/// rate-limit partition), with the number of refusals the line stands for. One Warning per refused request flooded the
/// log (228 MB in 30 s of 429s).
/// </summary>
internal sealed class ClientRefusals(CdsTelemetry telemetry, TimeProvider time, ILogger<ClientRefusals> logger)
{
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly LogThrottle _rateLimited = new(time, LogInterval);
    private readonly LogThrottle _unauthorized = new(time, LogInterval);

    public void RateLimited(HttpContext context)
    {
        telemetry.RateLimited(context.User.FindFirst(CdsClientClaims.Issuer)?.Value);
        var partition = SecurityServiceCollectionExtensions.PartitionKey(context);
        if (_rateLimited.ShouldLog(ref partition, out var refused))
        {
            AuthenticationLog.RateLimited(logger, partition, refused);
        }
    }

    /// <param name="context">The refused request.</param>
    /// <param name="reason">Why its token was refused, in the validator's fixed words (never the token).</param>
    public void Unauthorized(HttpContext context, string reason)
    {
        telemetry.Unauthorized();
        var partition = SecurityServiceCollectionExtensions.PartitionKey(context);
        if (_unauthorized.ShouldLog(ref partition, out var refused))
        {
            AuthenticationLog.Unauthorized(logger, partition, refused, reason);
        }
    }
}
