namespace CdsHooksIcans.Service.Authentication;

/// <summary>Whether CDS clients must prove who they are with a signed JWT.</summary>
public enum CdsAuthenticationMode
{
    /// <summary>Every discovery, hook and feedback call needs a valid JWT from a configured client.</summary>
    Required,

    /// <summary>No token is checked: Development only (refused at start-up elsewhere).</summary>
    Disabled,
}

/// <summary>The CDS clients (EHRs) allowed to call the service (section <c>CdsHooks:Authentication</c>).</summary>
public sealed class CdsAuthenticationOptions
{
    public const string Section = "CdsHooks:Authentication";

    public CdsAuthenticationMode Mode { get; set; } = CdsAuthenticationMode.Required;

    public List<CdsClientOptions> Clients { get; set; } = [];

    /// <summary>The client whose tokens carry this exact <c>iss</c>, if any.</summary>
    public CdsClientOptions? FindClient(string issuer) => Clients.Find(client => string.Equals(client.Issuer, issuer, StringComparison.Ordinal));
}

/// <summary>One CDS client: who it is, where its public keys are, and what it may ask the service to call.</summary>
public sealed class CdsClientOptions
{
    /// <summary>The exact <c>iss</c> of the client's tokens.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The client's JWK Set URL, used when a token has no <c>jku</c>.</summary>
    public Uri? JwksUrl { get; set; }

    /// <summary>The client's JWK Set inline, the alternative to <see cref="JwksUrl"/>: nothing is fetched.</summary>
    public InlineJwks? Jwks { get; set; }

    /// <summary>The <c>jku</c> header values accepted from this client; any other <c>jku</c> is refused unfetched.</summary>
    public List<Uri> AllowedJkuUrls { get; set; } = [];

    /// <summary>The signing algorithms accepted from this client: asymmetric only (ES384 and RS384 recommended).</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>The <c>tenant</c> claims accepted; empty means the claim is not checked.</summary>
    public List<string> Tenants { get; set; } = [];

    /// <summary>The FHIR base URLs this client may name as <c>fhirServer</c>; the service calls no other.</summary>
    public List<Uri> FhirServers { get; set; } = [];
}

/// <summary>A JWK Set written in configuration: <c>{ "keys": [ { "kty": "EC", "crv": "P-384", ... } ] }</c>.</summary>
public sealed class InlineJwks
{
    public List<Dictionary<string, string>> Keys { get; set; } = [];
}

/// <summary>The address CDS clients use to reach the service (section <c>CdsHooks</c>); tokens' <c>aud</c> is checked against it.</summary>
public sealed class CdsEndpointOptions
{
    public const string Section = "CdsHooks";

    /// <summary>For example <c>https://cds.example.org</c>; when not set, the URL each request arrived on is used.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
