using System.Buffers.Text;
using System.Collections.Specialized;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using CdsHooksIcans.IntegrationTests.Infrastructure;

namespace CdsHooksIcans.IntegrationTests.EndToEnd;

/// <summary>
/// The SMART App Launch authorization server of tests/fhir-server (--smart), driven over HTTP as a SMART app built on
/// fhirclient would drive it from a browser: discovery, an EHR or standalone launch with PKCE, the code exchange, then FHIR
/// with the token. The browser tests of the bedside app build on these routes, so what they rely on is pinned here: the
/// error redirects an app can show, the errors that must never be redirected, and the scope and compartment checks.
/// </summary>
[Collection(UsesSmartFhirServer.Name)]
public sealed class SmartAuthorizationServerTests(SmartFhirServer fhir) : IAsyncLifetime
{
    private const string Patient = SmartFhirServer.StandalonePatient;
    private const string OtherPatient = "grade-2-patient";
    private const string RedirectUri = "http://127.0.0.1:5080/app/";
    private const string EhrScope = "launch openid fhirUser patient/Patient.rs patient/Observation.rs patient/Observation.c";

    // The app sees the authorize answer itself, as the browser would, instead of following it.
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public Task InitializeAsync() => fhir.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Discovery_SmartConfigurationAndMetadata_NameTheEndpointsAndWhatIsSupported()
    {
        using var response = await Http.GetAsync(fhir.SmartConfigurationUrl);
        var configuration = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(fhir.AuthorizeEndpoint.ToString(), (string)configuration["authorization_endpoint"]!);
        Assert.Equal(fhir.TokenEndpoint.ToString(), (string)configuration["token_endpoint"]!);
        Assert.Equal(fhir.JwksUri.ToString(), (string)configuration["jwks_uri"]!);
        Assert.Equal(["S256"], Strings(configuration["code_challenge_methods_supported"]));
        Assert.Equal(["none"], Strings(configuration["token_endpoint_auth_methods_supported"]));
        Assert.Equal(["authorization_code"], Strings(configuration["grant_types_supported"]));
        Assert.Contains("launch/patient", Strings(configuration["scopes_supported"]));
        Assert.Subset(
            new HashSet<string>(Strings(configuration["capabilities"])),
            new HashSet<string>
            {
                "launch-ehr", "launch-standalone", "client-public", "context-ehr-patient", "context-standalone-patient",
                "sso-openid-connect", "permission-v2", "permission-v1", "permission-patient",
            });

        // metadata needs no token, and names the same endpoints for clients that read it instead.
        var metadata = JsonNode.Parse(await Http.GetStringAsync(fhir.BaseUrl + "/metadata"))!;
        var oauth = metadata["rest"]![0]!["security"]!["extension"]![0]!["extension"]!.AsArray()
            .ToDictionary(e => (string)e!["url"]!, e => (string)e!["valueUri"]!);
        Assert.Equal(fhir.AuthorizeEndpoint.ToString(), oauth["authorize"]);
        Assert.Equal(fhir.TokenEndpoint.ToString(), oauth["token"]);
    }

    [Fact]
    public async Task EhrLaunch_WithPkce_TokenCarriesTheLaunchContextAndReadsThatPatientsChart()
    {
        var launch = await fhir.CreateLaunchAsync(Patient, appContext: new JsonObject { ["view"] = "bedside" });
        var (verifier, challenge) = Pkce();

        using var authorize = await AuthorizeAsync(Parameters(challenge, EhrScope, launch, ("nonce", "n-1")));
        var back = Redirected(authorize);
        Assert.Equal("state-1", back["state"]);
        Assert.Null(back["error"]);
        using var exchange = await ExchangeAsync(back["code"]!, verifier);
        var token = JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal("no-store", exchange.Headers.CacheControl?.ToString());
        Assert.Equal("*", Header(exchange, "Access-Control-Allow-Origin"));
        Assert.Equal("Bearer", (string)token["token_type"]!);
        Assert.Equal(Patient, (string)token["patient"]!);
        Assert.Equal(EhrScope, (string)token["scope"]!);
        Assert.True((int)token["expires_in"]! > 0);
        Assert.False((bool)token["need_patient_banner"]!);
        Assert.Null(token["refresh_token"]);
        Assert.Equal("bedside", (string)JsonNode.Parse((string)token["appContext"]!)!["view"]!);
        var idToken = await VerifiedClaimsAsync((string)token["id_token"]!);
        Assert.Equal(fhir.BaseUrl.ToString(), (string)idToken["iss"]!);
        Assert.Equal(SmartFhirServer.ClientId, (string)idToken["aud"]!);
        Assert.Equal($"{fhir.BaseUrl}/{SmartFhirServer.DefaultFhirUser}", (string)idToken["fhirUser"]!);
        Assert.Equal("n-1", (string)idToken["nonce"]!);
        Assert.True((long)idToken["exp"]! > (long)idToken["iat"]!);

        var accessToken = (string)token["access_token"]!;
        using var patient = await fhir.FhirAsync(HttpMethod.Get, $"Patient/{Patient}", accessToken);
        Assert.Equal(HttpStatusCode.OK, patient.StatusCode);
        using var observations = await fhir.FhirAsync(HttpMethod.Get, $"Observation?patient={Patient}", accessToken);
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await observations.Content.ReadAsStringAsync())!["entry"]!.AsArray());
        // fhirclient's client.user.read(): the fhirUser scope lets the app read its user.
        using var user = await fhir.FhirAsync(HttpMethod.Get, SmartFhirServer.DefaultFhirUser, accessToken);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task StandaloneLaunch_WithLaunchPatient_SelectsTheSettingsPatient()
    {
        const string Scope = "launch/patient openid fhirUser patient/Observation.rs";
        var first = await LaunchAsync(Scope, launch: null);
        Assert.Equal(Patient, (string)first["patient"]!);
        var claims = await VerifiedClaimsAsync((string)first["id_token"]!);
        Assert.EndsWith("/" + SmartFhirServer.DefaultFhirUser, (string)claims["fhirUser"]!, StringComparison.Ordinal);
        Assert.Null(first["appContext"]);

        await fhir.ConfigureAsync(new JsonObject { ["standalonePatient"] = OtherPatient });
        var second = await LaunchAsync(Scope, launch: null);

        Assert.Equal(OtherPatient, (string)second["patient"]!);
        using var observations = await fhir.FhirAsync(HttpMethod.Get, $"Observation?patient={OtherPatient}", (string)second["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
    }

    [Theory]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge_method", null, "invalid_request")]
    [InlineData("aud", "http://127.0.0.1:1/fhir", "invalid_request")]
    [InlineData("launch", "never-issued", "invalid_request")]
    [InlineData("launch", null, "invalid_scope")]
    [InlineData("scope", "launch patient/Condition.cud", "invalid_scope")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    public async Task Authorize_RequestTheAppCanBeToldOf_RedirectsAnErrorAndNoCode(string parameter, string? value, string error)
    {
        var launch = await fhir.CreateLaunchAsync(Patient);
        var parameters = Parameters(Pkce().Challenge, EhrScope, launch);
        parameters[parameter] = value;

        using var response = await AuthorizeAsync(parameters);
        var back = Redirected(response);

        Assert.Equal(error, back["error"]);
        Assert.False(string.IsNullOrEmpty(back["error_description"]));
        Assert.Equal("state-1", back["state"]);
        Assert.Null(back["code"]);
    }

    [Theory]
    [InlineData("redirect_uri", "https://elsewhere.example/app/")]
    [InlineData("redirect_uri", "http://127.0.0.1:5080/other/")]
    [InlineData("redirect_uri", null)]
    [InlineData("client_id", "another-app")]
    public async Task Authorize_UnregisteredClientOrRedirect_Answers400AndNeverRedirects(string parameter, string? value)
    {
        var parameters = Parameters(Pkce().Challenge, EhrScope, await fhir.CreateLaunchAsync(Patient));
        parameters[parameter] = value;

        using var response = await AuthorizeAsync(parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Authorize_UserRefusesEverything_RedirectsAccessDenied()
    {
        await fhir.ConfigureAsync(new JsonObject { ["refuse"] = "access_denied" });

        using var response = await AuthorizeAsync(Parameters(Pkce().Challenge, EhrScope, await fhir.CreateLaunchAsync(Patient)));

        Assert.Equal("access_denied", Redirected(response)["error"]);
    }

    [Fact]
    public async Task Token_VerifierThatDoesNotMatchTheChallenge_IsInvalidGrant()
    {
        var back = Redirected(await AuthorizeAsync(Parameters(Pkce().Challenge, EhrScope, await fhir.CreateLaunchAsync(Patient))));

        using var exchange = await ExchangeAsync(back["code"]!, Pkce().Verifier);

        await AssertTokenErrorAsync(exchange, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_CodeUsedTwice_SecondIsInvalidGrant()
    {
        var (verifier, challenge) = Pkce();
        var back = Redirected(await AuthorizeAsync(Parameters(challenge, EhrScope, await fhir.CreateLaunchAsync(Patient))));
        using var first = await ExchangeAsync(back["code"]!, verifier);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await ExchangeAsync(back["code"]!, verifier);

        await AssertTokenErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_RedirectUriOtherThanAtAuthorize_IsInvalidGrant()
    {
        var (verifier, challenge) = Pkce();
        var back = Redirected(await AuthorizeAsync(Parameters(challenge, EhrScope, await fhir.CreateLaunchAsync(Patient))));

        using var exchange = await ExchangeAsync(back["code"]!, verifier, RedirectUri + "other.html");

        await AssertTokenErrorAsync(exchange, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task DeniedScope_GrantedScopeIsNarrower_AndTheRefusedInteractionIs403()
    {
        await fhir.ConfigureAsync(new JsonObject { ["denyScopes"] = new JsonArray("patient/Observation.c") });

        var token = await LaunchAsync(EhrScope, await fhir.CreateLaunchAsync(Patient));
        var accessToken = (string)token["access_token"]!;

        Assert.DoesNotContain("patient/Observation.c", ((string)token["scope"]!).Split(' '));
        Assert.Contains("patient/Observation.rs", ((string)token["scope"]!).Split(' '));
        using var read = await fhir.FhirAsync(HttpMethod.Get, $"Observation?patient={Patient}", accessToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var create = await fhir.FhirAsync(HttpMethod.Post, "Observation", accessToken, NewObservation(Patient));
        await AssertOutcomeAsync(create, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GrantedCreate_ObservationForTheTokensPatient_IsCreated()
    {
        var token = await LaunchAsync(EhrScope, await fhir.CreateLaunchAsync(Patient));

        using var create = await fhir.FhirAsync(HttpMethod.Post, "Observation", (string)token["access_token"]!, NewObservation(Patient));

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_Is401InvalidToken()
    {
        var accessToken = (string)(await LaunchAsync(EhrScope, await fhir.CreateLaunchAsync(Patient)))["access_token"]!;
        using (var before = await fhir.FhirAsync(HttpMethod.Get, $"Patient/{Patient}", accessToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal(1, await fhir.ExpireTokensAsync());
        using var after = await fhir.FhirAsync(HttpMethod.Get, $"Patient/{Patient}", accessToken);

        await AssertOutcomeAsync(after, HttpStatusCode.Unauthorized);
        Assert.Contains("error=\"invalid_token\"", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token-this-server-issued")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task FhirRequest_WithoutAValidToken_Is401WithABearerChallenge(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{fhir.BaseUrl}/Patient/{Patient}"));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Http.SendAsync(request);

        await AssertOutcomeAsync(response, HttpStatusCode.Unauthorized);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        // A browser app on another origin can read the 401 and its challenge.
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("WWW-Authenticate", Header(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string, string?> OutsideTheCompartment() => new()
    {
        { "GET", $"Patient/{OtherPatient}", null },
        { "GET", $"Observation?patient={OtherPatient}", null },
        { "GET", $"Observation?subject=Patient/{OtherPatient}", null },
        { "GET", "Observation", null },
        { "GET", $"Observation?patient={Patient}&_include=Observation:performer", null },
        { "GET", "Observation/grade-2-ice", null },
        { "POST", "Observation", NewObservation(OtherPatient).ToJsonString() },
        { "POST", "", Transaction(NewObservation(Patient), NewObservation(OtherPatient)).ToJsonString() },
        { "GET", $"Condition?patient={Patient}", null },
        { "GET", "Practitioner/nurse-1", null },
    };

    [Theory]
    [MemberData(nameof(OutsideTheCompartment))]
    public async Task MintedToken_OutsideItsPatientOrScopes_Is403(string method, string path, string? body)
    {
        var token = await fhir.MintTokenAsync(Patient, "patient/Patient.rs patient/Observation.rs patient/Observation.c");

        using var response = await fhir.FhirAsync(new HttpMethod(method), path, token.AccessToken, body is null ? null : JsonNode.Parse(body));

        await AssertOutcomeAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MintedToken_V1Scopes_ReadAndWriteTheirPatient()
    {
        var token = await fhir.MintTokenAsync(Patient, "patient/*.read patient/Observation.write", lifetimeSeconds: 600);
        Assert.Equal(600, token.ExpiresIn);

        using var conditions = await fhir.FhirAsync(HttpMethod.Get, $"Condition?patient={Patient}", token.AccessToken);
        using var transaction = await fhir.FhirAsync(HttpMethod.Post, "", token.AccessToken, Transaction(NewObservation(Patient)));
        // write is granted for Observation only.
        using var conditionCreate = await fhir.FhirAsync(HttpMethod.Post, "Condition", token.AccessToken, NewObservation(Patient));

        Assert.Equal(HttpStatusCode.OK, conditions.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transaction.StatusCode);
        await AssertOutcomeAsync(conditionCreate, HttpStatusCode.Forbidden);
    }

    private async Task<JsonNode> LaunchAsync(string scope, string? launch)
    {
        var (verifier, challenge) = Pkce();
        var back = Redirected(await AuthorizeAsync(Parameters(challenge, scope, launch)));
        Assert.True(back["code"] is not null, $"authorize answered {back["error"]}: {back["error_description"]}");
        using var exchange = await ExchangeAsync(back["code"]!, verifier);
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        return JsonNode.Parse(await exchange.Content.ReadAsStringAsync())!;
    }

    private Dictionary<string, string?> Parameters(string challenge, string scope, string? launch, params (string Name, string Value)[] more)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            ["client_id"] = SmartFhirServer.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = "state-1",
            ["aud"] = fhir.BaseUrl.ToString(),
            ["launch"] = launch,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    private Task<HttpResponseMessage> AuthorizeAsync(Dictionary<string, string?> parameters)
        => Http.GetAsync(new Uri(fhir.AuthorizeEndpoint + "?" + Form(parameters)));

    private async Task<HttpResponseMessage> ExchangeAsync(string code, string verifier, string redirectUri = RedirectUri)
    {
        // As fhirclient sends it from the browser: a form body, the public client naming itself.
        using var form = new StringContent(
            Form(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["code"] = code,
                ["grant_type"] = "authorization_code",
                ["redirect_uri"] = redirectUri,
                ["client_id"] = SmartFhirServer.ClientId,
                ["code_verifier"] = verifier,
            }),
            Encoding.ASCII,
            "application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, fhir.TokenEndpoint) { Content = form };
        request.Headers.Add("Origin", "http://127.0.0.1:5080");
        return await Http.SendAsync(request);
    }

    /// <summary>The id_token's claims, once its RS256 signature checks out against the server's JWKS.</summary>
    private async Task<JsonNode> VerifiedClaimsAsync(string idToken)
    {
        var parts = idToken.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        Assert.Equal("RS256", (string)header["alg"]!);
        var key = JsonNode.Parse(await Http.GetStringAsync(fhir.JwksUri))!["keys"]!.AsArray()
            .Single(k => (string)k!["kid"]! == (string)header["kid"]!)!;
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars((string)key["n"]!),
            Exponent = Base64Url.DecodeFromChars((string)key["e"]!),
        });
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.True(
            rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "the id_token's signature does not verify with the JWKS key");
        return JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
    }

    private static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    /// <summary>The query of the authorize redirect, which must go back to the registered redirect URI.</summary>
    private static NameValueCollection Redirected(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri, location.ToString(), StringComparison.Ordinal);
        return HttpUtility.ParseQueryString(location.Query);
    }

    private static async Task AssertTokenErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(error, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!);
    }

    private static async Task AssertOutcomeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("OperationOutcome", (string)JsonNode.Parse(body)!["resourceType"]!);
    }

    private static JsonObject NewObservation(string patient) => new()
    {
        ["resourceType"] = "Observation",
        ["status"] = "final",
        ["code"] = new JsonObject { ["text"] = "bedside ICE check" },
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + patient },
    };

    private static JsonObject Transaction(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "transaction",
        ["entry"] = new JsonArray([.. resources.Select(resource => (JsonNode)new JsonObject
        {
            ["resource"] = resource,
            ["request"] = new JsonObject { ["method"] = "POST", ["url"] = (string)resource["resourceType"]! },
        })]),
    };

    private static string Form(Dictionary<string, string?> parameters)
        => string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(item => (string)item!)];

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"no {name} header");
}
