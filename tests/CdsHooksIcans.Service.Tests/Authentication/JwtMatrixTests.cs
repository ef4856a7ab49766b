using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CdsHooksIcans.Service.Tests.Authentication;

public sealed class JwtMatrixTests : IDisposable
{
    private const string Discovery = "/cds-services";
    private readonly AuthenticatedService _service = new();

    public void Dispose() => _service.Dispose();

    private async Task AssertRefusedAsync(string? token)
    {
        var response = await _service.DiscoverAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    private async Task AssertAcceptedAsync(string token)
    {
        var response = await _service.DiscoverAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS384")]
    public async Task Token_ValidAllowedAlgorithm_IsAccepted(string alg)
        => await AssertAcceptedAsync(_service.ValidToken(Discovery, alg));

    [Fact]
    public async Task Token_Missing_Is401WithBearerChallengeAndEmptyBody() => await AssertRefusedAsync(null);

    [Fact]
    public async Task Token_Hs256SignedWithPublicKey_IsRefused()
    {
        // The classic key-confusion attack: HMAC keyed with the client's public key material.
        var header = _service.Keys.Header("HS256");
        var token = _service.Keys.Mint(header, _service.Claims(Discovery), Encoding.UTF8.GetBytes(_service.Keys.EcPoint.X));

        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task Token_AlgNone_IsRefused()
        => await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header("none"), _service.Claims(Discovery)));

    [Fact]
    public async Task Token_Rs256WhenClientAllowsOnlyEs384AndRs384_IsRefused()
        => await AssertRefusedAsync(_service.ValidToken(Discovery, "RS256"));

    [Fact]
    public async Task Token_Es384HeaderNamingRsaKey_IsRefused()
    {
        var header = _service.Keys.Header("ES384");
        header["kid"] = _service.Keys.RsaKid;

        await AssertRefusedAsync(_service.Keys.Mint(header, _service.Claims(Discovery)));
    }

    [Theory]
    [InlineData("https://cds.example.org/cds-services/test-patient-view")]
    [InlineData("https://other.example.org/cds-services")]
    [InlineData("http://cds.example.org/cds-services")]
    [InlineData("https://cds.example.org:8443/cds-services")]
    [InlineData("sand_man")]
    public async Task Token_AudienceOfAnotherEndpoint_IsRefused(string audience)
    {
        var claims = _service.Claims(Discovery);
        claims["aud"] = audience;

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_AudienceMissing_IsRefused()
    {
        var claims = _service.Claims(Discovery);
        claims.Remove("aud");

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Theory]
    [InlineData("HTTPS://CDS.EXAMPLE.ORG/cds-services")]
    [InlineData("https://cds.example.org:443/cds-services")]
    [InlineData("https://cds.example.org/cds-services/")]
    public async Task Token_AudienceDifferingOnlyInNormalisation_IsAccepted(string audience)
    {
        var claims = _service.Claims(Discovery);
        claims["aud"] = audience;

        await AssertAcceptedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_AudienceArrayContainingEndpoint_IsAccepted()
    {
        var claims = _service.Claims(Discovery);
        claims["aud"] = new JsonArray("https://elsewhere.example.org/x", AuthenticatedService.PublicBaseUrl + Discovery);

        await AssertAcceptedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_AudienceArrayWithoutEndpoint_IsRefused()
    {
        var claims = _service.Claims(Discovery);
        claims["aud"] = new JsonArray("https://elsewhere.example.org/x", 42);

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_ExpiredBeyondSkew_IsRefused()
    {
        var claims = _service.Claims(Discovery);
        claims["iat"] = _service.Now.AddMinutes(-10).ToUnixTimeSeconds();
        claims["exp"] = _service.Now.AddSeconds(-61).ToUnixTimeSeconds();

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_ExpiredWithinSkew_IsAccepted()
    {
        var claims = _service.Claims(Discovery);
        claims["iat"] = _service.Now.AddMinutes(-5).ToUnixTimeSeconds();
        claims["exp"] = _service.Now.AddSeconds(-30).ToUnixTimeSeconds();

        await AssertAcceptedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_NotBeforeInFuture_IsRefused()
    {
        var claims = _service.Claims(Discovery);
        claims["nbf"] = _service.Now.AddSeconds(120).ToUnixTimeSeconds();

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_EpicExtraClaimsSubAndPastNbf_IsAccepted()
    {
        var claims = _service.Claims(Discovery);
        claims["nbf"] = _service.Now.AddSeconds(-5).ToUnixTimeSeconds();
        claims["sub"] = "epic-client-id";

        await AssertAcceptedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("future")]
    [InlineData("string")]
    public async Task Token_IssuedAtMissingFutureOrNotANumber_IsRefused(string kind)
    {
        var claims = _service.Claims(Discovery);
        switch (kind)
        {
            case "missing": claims.Remove("iat"); break;
            case "future": claims["iat"] = _service.Now.AddSeconds(120).ToUnixTimeSeconds(); break;
            default: claims["iat"] = _service.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture); break;
        }

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_JtiMissing_IsRefused()
    {
        var claims = _service.Claims(Discovery);
        claims.Remove("jti");

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_ReplayedJti_IsRefusedTheSecondTime()
    {
        var token = _service.ValidToken(Discovery);

        await AssertAcceptedAsync(token);
        await AssertRefusedAsync(token);
    }

    [Fact]
    public async Task Token_WrongIssuer_IsRefused()
    {
        var claims = TestClientKeys.Claims("https://attacker.example.org", AuthenticatedService.PublicBaseUrl + Discovery, _service.Now);

        await AssertRefusedAsync(_service.Keys.Mint(_service.Keys.Header(), claims));
    }

    [Fact]
    public async Task Token_TamperedPayload_IsRefused()
    {
        var token = _service.ValidToken(Discovery);
        var claims = _service.Claims(Discovery);
        claims["sub"] = "someone-else";
        var forgedPayload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var parts = token.Split('.');

        await AssertRefusedAsync($"{parts[0]}.{forgedPayload}.{parts[2]}");
    }

    [Fact]
    public async Task Token_FlippedSignatureByte_IsRefused()
    {
        var parts = _service.ValidToken(Discovery).Split('.');
        var signature = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[10] ^= 0x01;

        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(signature)}");
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("JWE")]
    [InlineData(null)]
    public async Task Token_WrongOrMissingTyp_IsRefused(string? typ)
    {
        var header = _service.Keys.Header();
        header["typ"] = typ;
        if (typ is null)
        {
            header.Remove("typ");
        }

        await AssertRefusedAsync(_service.Keys.Mint(header, _service.Claims(Discovery)));
    }

    [Fact]
    public async Task Token_MissingKid_IsRefused()
    {
        var header = _service.Keys.Header();
        header.Remove("kid");

        await AssertRefusedAsync(_service.Keys.Mint(header, _service.Claims(Discovery)));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("e30.e30.")]
    [InlineData("....")]
    public async Task Token_Malformed_IsRefused(string token) => await AssertRefusedAsync(token);

    [Fact]
    public async Task Token_UnknownKid_IsRefusedUntilTheRefreshedKeySetHasIt()
    {
        using var rotated = new TestClientKeys { EcKid = "rotated-key" };
        var token = rotated.Mint(rotated.Header(), _service.Claims(Discovery));

        await AssertRefusedAsync(token);
        Assert.Equal(1, _service.RequestsTo("/jwks.json"));

        // The client publishes its new key; a second unknown kid within the minute does not refetch.
        _service.ServeKeySet(TestClientKeys.Jwks(_service.Keys.EcJwk(), rotated.EcJwk()));
        await AssertRefusedAsync(rotated.Mint(rotated.Header(), _service.Claims(Discovery)));
        Assert.Equal(1, _service.RequestsTo("/jwks.json"));

        _service.Factory.Time.Advance(TimeSpan.FromSeconds(61));
        await AssertAcceptedAsync(rotated.Mint(rotated.Header(), _service.Claims(Discovery)));
        Assert.Equal(2, _service.RequestsTo("/jwks.json"));
    }

    [Fact]
    public async Task Token_KnownKid_UsesCachedKeySet()
    {
        await AssertAcceptedAsync(_service.ValidToken(Discovery));
        await AssertAcceptedAsync(_service.ValidToken(Discovery, "RS384"));

        Assert.Equal(1, _service.RequestsTo("/jwks.json"));
    }

    [Fact]
    public async Task Token_JkuNotAllowlisted_IsRefusedWithoutFetchingIt()
    {
        var header = _service.Keys.Header();
        header["jku"] = _service.Upstream.Url + "/attacker-jwks.json";

        await AssertRefusedAsync(_service.Keys.Mint(header, _service.Claims(Discovery)));

        Assert.Equal(0, _service.RequestsTo("/attacker-jwks.json"));
        Assert.Equal(0, _service.RequestsTo("/jwks.json"));
    }

    [Fact]
    public async Task Token_AllowlistedJku_IsAccepted()
    {
        var header = _service.Keys.Header();
        header["jku"] = _service.JwksUrl;

        await AssertAcceptedAsync(_service.Keys.Mint(header, _service.Claims(Discovery)));
    }

    [Fact]
    public async Task Token_CritHeader_IsRefused()
    {
        var header = _service.Keys.Header();
        header["crit"] = new JsonArray("exp");

        await AssertRefusedAsync(_service.Keys.Mint(header, _service.Claims(Discovery)));
    }

    [Fact]
    public async Task Refusal_LogsReasonAtDebugWithIssAndJti_NeverTheToken()
    {
        using var service = new AuthenticatedService(configure: factory => factory.WithSetting("Logging:LogLevel:Default", "Debug"));
        var claims = service.Claims(Discovery);
        claims["aud"] = "https://wrong.example.org/cds-services";
        var token = service.Keys.Mint(service.Keys.Header(), claims);

        var response = await service.DiscoverAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = Assert.Single(service.Factory.Logs.Entries, e => e.EventId.Id == 3000);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Contains("aud", entry.Message, StringComparison.Ordinal);
        Assert.Contains(AuthenticatedService.Issuer, entry.Message, StringComparison.Ordinal);
        Assert.Contains(claims["jti"]!.GetValue<string>(), entry.Message, StringComparison.Ordinal);
        var logs = service.Factory.Logs.AllText();
        Assert.DoesNotContain(token.Split('.')[2], logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HookCall_WithoutToken_Is401AndHandlerNotCalled()
    {
        var response = await _service.SendAsync(HttpMethod.Post, "/cds-services/test-patient-view", null, CdsHttp.PatientViewRequest());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_service.Factory.PatientView.LastRequest);
    }

    [Fact]
    public async Task HookCall_WithTokenForDiscoveryUrl_Is401()
    {
        var response = await _service.SendAsync(HttpMethod.Post, "/cds-services/test-patient-view", _service.ValidToken(Discovery), CdsHttp.PatientViewRequest());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HookCall_WithTokenForItsUrl_IsAnswered()
    {
        const string Path = "/cds-services/test-patient-view";
        var body = CdsHttp.PatientViewRequest();
        body.Remove("fhirServer");

        var response = await _service.SendAsync(HttpMethod.Post, Path, _service.ValidToken(Path), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(_service.Factory.PatientView.LastRequest);
    }

    [Fact]
    public async Task Feedback_RequiresTokenForFeedbackUrl()
    {
        const string Path = "/cds-services/test-patient-view/feedback";
        var feedback = new JsonObject
        {
            ["feedback"] = new JsonArray(new JsonObject
            {
                ["card"] = "9368d37b-283f-44a0-93ea-547cebab93ef",
                ["outcome"] = "accepted",
                ["outcomeTimestamp"] = "2025-03-01T12:00:00Z",
                ["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = "e56e1945-20b3-4393-8503-a1a20fd73152" }),
            }),
        };

        var withoutToken = await _service.SendAsync(HttpMethod.Post, Path, null, feedback);
        var withToken = await _service.SendAsync(HttpMethod.Post, Path, _service.ValidToken(Path), feedback);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoint_WithoutToken_IsNotRefused(string path)
    {
        var response = await _service.SendAsync(HttpMethod.Get, path, null);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Preflight_WithoutToken_IsAnswered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/cds-services/test-patient-view");
        request.Headers.Add("Origin", "https://sandbox.cds-hooks.org");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await _service.Http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
    }
}
