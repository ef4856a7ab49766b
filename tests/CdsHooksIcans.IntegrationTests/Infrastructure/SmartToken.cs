namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>An access token of the SMART test server, with what it grants: the scopes and the patient compartment.</summary>
public sealed record SmartToken(string AccessToken, int ExpiresIn, string Scope, string Patient)
{
    // A failing assertion or a log line prints records; the token itself stays out of them.
    public override string ToString() => $"SmartToken {{ Patient = {Patient}, Scope = {Scope}, ExpiresIn = {ExpiresIn} }}";
}
