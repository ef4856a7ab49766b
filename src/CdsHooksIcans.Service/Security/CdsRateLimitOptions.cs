namespace CdsHooksIcans.Service.Security;

/// <summary>
/// Per-client request budget (section <c>CdsHooks:RateLimit</c>): a token bucket per authenticated issuer, or per remote
/// address for calls without a valid token. The defaults leave a busy EHR far from the limit (patient-view fires on every
/// chart open) while one runaway or hostile caller cannot starve the others.
/// </summary>
public sealed class CdsRateLimitOptions
{
    public const string Section = "CdsHooks:RateLimit";

    /// <summary>Requests a client may send at once (the bucket size). Default 200.</summary>
    public int BurstLimit { get; set; } = 200;

    /// <summary>Requests added back to the bucket every <see cref="ReplenishmentPeriod"/>. Default 100.</summary>
    public int RequestsPerPeriod { get; set; } = 100;

    /// <summary>Default 1 second.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
