namespace CdsHooksIcans.Service.Protocol;

/// <summary>The OAuth 2.0 token a CDS client gives the service for its FHIR server.</summary>
public sealed record FhirAuthorization(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    string Scope,
    string Subject,
    string? Patient)
{
    /// <summary>Keeps the token out of logs and exception messages.</summary>
    public override string ToString() => $"FhirAuthorization {{ TokenType = {TokenType}, Subject = {Subject} }}";
}
