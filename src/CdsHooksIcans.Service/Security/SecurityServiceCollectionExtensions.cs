using CdsHooksIcans.Service.Hosting;
using System.Threading.RateLimiting;
using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Security;

/// <summary>Registers client authentication, the fhirServer policy, the outbound address guard and per-client rate limiting.</summary>
public static class SecurityServiceCollectionExtensions
{
    public const string RateLimitPolicy = "PerCdsClient";

    /// <summary>Call after <c>AddClinicalDataGathering</c>: the address guard is installed on the FHIR client's handler.</summary>
    public static IServiceCollection AddCdsSecurity(this IServiceCollection services)
    {
        services.AddCdsClientAuthentication();
        services.AddSingleton<FhirServerPolicy>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCdsTelemetryInstruments();
        services.AddSingleton<ClientRefusals>();

        // Runs after the gatherer created its handler (redirects off), and adds the address check to it.
        services.AddHttpClient(FhirSession.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => OutboundAddressGuard.Apply(handler));

        services.AddValidatedOptions<CdsRateLimitOptions, CdsRateLimitOptionsValidator>(CdsRateLimitOptions.Section);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<CdsRateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.BurstLimit,
                    TokensPerPeriod = limits.RequestsPerPeriod,
                    ReplenishmentPeriod = limits.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    // Authentication has run: a proven client has its own budget; anyone else shares one per remote address.
    internal static string PartitionKey(HttpContext context)
        => context.User.FindFirst(CdsClientClaims.Issuer)?.Value is { } issuer
            ? "iss " + issuer
            : "ip " + context.Connection.RemoteIpAddress;

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<ClientRefusals>().RateLimited(context);
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await OperationOutcomes.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests, OperationOutcomes.From(
            [new ProtocolIssue(OperationOutcome.IssueType.Throttled, "Too many requests from this client; retry later.")]), cancellationToken);
    }
}
