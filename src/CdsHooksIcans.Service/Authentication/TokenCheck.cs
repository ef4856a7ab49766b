namespace CdsHooksIcans.Service.Authentication;

/// <summary>The outcome of checking one token: the client it proves, or why it was refused (for the debug log only).</summary>
internal sealed record TokenCheck(CdsClientOptions? Client, string? Reason, string? Issuer, string? Jti, string? Tenant)
{
    public static TokenCheck Refused(string reason, string? issuer = null, string? jti = null) => new(null, reason, issuer, jti, null);

    public static TokenCheck Accepted(CdsClientOptions client, string issuer, string jti, string? tenant) => new(client, null, issuer, jti, tenant);
}
