namespace CdsHooksIcans.Service.Authentication;

/// <summary>The claims of an authenticated CDS client, as the rest of the service reads them.</summary>
public static class CdsClientClaims
{
    public const string Issuer = "iss";
    public const string Tenant = "tenant";
    public const string TokenId = "jti";
}
