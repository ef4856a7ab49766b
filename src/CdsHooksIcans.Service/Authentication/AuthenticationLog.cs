namespace CdsHooksIcans.Service.Authentication;

// What authentication and the security guards log. Never the token, the Authorization header or an access token:
// iss, tenant and jti identify a call well enough to investigate it (CDS Hooks security guidance).
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Client token refused: {Reason} (iss {Issuer}, jti {Jti})")]
    public static partial void TokenRefused(ILogger logger, string reason, string? issuer, string? jti);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Client token accepted (iss {Issuer}, tenant {Tenant}, jti {Jti})")]
    public static partial void TokenAccepted(ILogger logger, string issuer, string? tenant, string jti);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Fetched the JWK Set {Url}: {KeyCount} usable key(s)")]
    public static partial void KeySetFetched(ILogger logger, string url, int keyCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Could not fetch the JWK Set {Url}: {Failure}")]
    public static partial void KeySetFetchFailed(ILogger logger, string url, string failure);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Refused fhirServer outside the allowed FHIR bases of client {Issuer}")]
    public static partial void FhirServerRefused(ILogger logger, string? issuer);

    // 3005 and 3006 are written at most once a minute per client (ClientRefusals); the count is what the line stands for.
    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Rate limit reached for {Partition}: {Refused} request(s) answered 429 since its last such line")]
    public static partial void RateLimited(ILogger logger, string partition, long refused);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "No valid client token from {Partition}: {Refused} request(s) answered 401 since its last such line (last reason: {Reason})")]
    public static partial void Unauthorized(ILogger logger, string partition, long refused, string reason);
}
