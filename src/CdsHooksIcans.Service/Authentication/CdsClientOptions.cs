namespace CdsHooksIcans.Service.Authentication;

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

    /// <summary>
    /// Besides <see cref="FhirServers"/>, any FHIR server on this machine's loopback (<c>localhost</c>, 127.0.0.0/8,
    /// <c>[::1]</c>, any port and path): what a developer hosts for the sandbox. Development only: elsewhere it would let
    /// the client point the service at whatever listens on the host's own ports. Default false.
    /// </summary>
    public bool AllowLoopbackFhirServers { get; set; }
}
