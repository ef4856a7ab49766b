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

    [Fact]
    public async Task DevelopmentDefault_IsDisabled_SoCallsWithoutTokenAreAnswered()
    {
        using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cds-services")).StatusCode);
    }
}
