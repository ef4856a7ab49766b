using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Authentication;

/// <summary>
/// The Development configuration's sandbox client, with Mode switched to Required. The sandbox's private key is not in the
/// repository, so tests put a generated key pair in the sandbox client's place and mint tokens shaped exactly as
/// sandbox.cds-hooks.org does (jwt-generator.js): ES384, its kid and jku, iss/aud/exp/iat/jti and nothing else.
/// </summary>
public sealed class SandboxClientTests : IDisposable
{
    private const string SandboxKid = "44823f3d-0b01-4a6c-a80e-b9d3e8a7226f";
    private const string SandboxJku = "https://sandbox.cds-hooks.org/.well-known/jwks.json";
    private const string SandboxIssuer = "https://sandbox.cds-hooks.org";

    private readonly TestClientKeys _keys = new() { EcKid = SandboxKid };

    public void Dispose() => _keys.Dispose();

    private CdsServiceFactory Service(bool replaceSandboxKey)
    {
        var factory = new CdsServiceFactory().WithSetting("CdsHooks:Authentication:Mode", "Required");
        if (replaceSandboxKey)
        {
            var (x, y) = _keys.EcPoint;
            factory.WithSetting("CdsHooks:Authentication:Clients:0:Jwks:Keys:0:x", x)
                .WithSetting("CdsHooks:Authentication:Clients:0:Jwks:Keys:0:y", y);
        }

        return factory;
    }

    private string SandboxToken(string audience)
    {
        var header = new JsonObject { ["alg"] = "ES384", ["typ"] = "JWT", ["kid"] = SandboxKid, ["jku"] = SandboxJku };
        return _keys.Mint(header, TestClientKeys.Claims(SandboxIssuer, audience, DateTimeOffset.UtcNow));
    }

    private static async Task<HttpStatusCode> DiscoverAsync(CdsServiceFactory factory, string token)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Theory]
    [InlineData("http://localhost/cds-services")]
    [InlineData("http://LOCALHOST:80/cds-services/")]
    public async Task SandboxShapedToken_InDevelopmentWithoutPublicBaseUrl_IsAcceptedAgainstRequestUrl(string audience)
    {
        using var factory = Service(replaceSandboxKey: true);

        Assert.Equal(HttpStatusCode.OK, await DiscoverAsync(factory, SandboxToken(audience)));
    }

    [Fact]
    public async Task SandboxShapedToken_SignedByAnotherKey_IsRefusedByTheInlineSandboxKeySet()
    {
        // Unmodified Development configuration: the real sandbox public key, which did not sign this token.
        using var factory = Service(replaceSandboxKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, await DiscoverAsync(factory, SandboxToken("http://localhost/cds-services")));
    }

    private async Task<HttpResponseMessage> PatientViewAsync(CdsServiceFactory factory, string fhirServer)
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.PatientViewRequest();
        body["fhirServer"] = fhirServer;
        body.Remove("prefetch");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/icans-patient-view")
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxToken("http://localhost/cds-services/icans-patient-view"));
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("http://localhost:1/fhir")]
    [InlineData("http://127.0.0.1:1/fhir")]
    [InlineData("http://[::1]:1/fhir")]
    [InlineData("http://127.0.0.2:1/other/base")]
    public async Task SandboxToken_NamingAFhirServerOnLoopback_IsCalled(string fhirServer)
    {
        // Nothing listens on port 1: the service tried it and could not read the data (412), it did not refuse it (400).
        using var factory = Service(replaceSandboxKey: true);

        using var response = await PatientViewAsync(factory, fhirServer);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Theory]
    [InlineData("http://10.0.0.5:8090/fhir")]
    [InlineData("http://localhost.example.org/fhir")]
    [InlineData("http://169.254.169.254/fhir")]
    public async Task SandboxToken_NamingAFhirServerOffLoopbackAndOffItsList_IsRefused(string fhirServer)
    {
        using var factory = Service(replaceSandboxKey: true);

        using var response = await PatientViewAsync(factory, fhirServer);

        await response.AssertRejectedAsync("security", "fhirServer");
    }

    [Fact]
    public async Task SandboxToken_NamingLoopbackWithoutAllowLoopbackFhirServers_IsRefused()
    {
        using var factory = Service(replaceSandboxKey: true).WithSetting("CdsHooks:Authentication:Clients:0:AllowLoopbackFhirServers", "false");

        using var response = await PatientViewAsync(factory, "http://127.0.0.1:8090/fhir");

        await response.AssertRejectedAsync("security", "fhirServer");
    }

    [Fact]
    public async Task DevelopmentDefault_IsDisabled_SoCallsWithoutTokenAreAnswered()
    {
        using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cds-services")).StatusCode);
    }
}
