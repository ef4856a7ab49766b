using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>
/// The local FHIR server started with --smart: the same scenario patients, behind the SMART App Launch authorization
/// server for tests of tests/fhir-server/smart-auth.mjs (no login page, every authorization approved unless the
/// settings say otherwise). Every FHIR request but metadata then needs a Bearer token. Settings, launches and tokens are
/// shared by the whole collection: a test that changes them calls <see cref="ResetAsync"/> first.
/// </summary>
public sealed class SmartFhirServer() : LocalFhirServer($"--smart --smart-patient {StandalonePatient}")
{
    /// <summary>The one registered public client; it may be sent back to any http://127.0.0.1:PORT/app/... or localhost.</summary>
    public const string ClientId = "cdshooks-icans-bedside";

    /// <summary>The patient a standalone launch (scope launch/patient) selects until the settings name another.</summary>
    public const string StandalonePatient = "grade-1-patient";

    /// <summary>The user a launch reports (fhirUser) unless it names another; the server holds this Practitioner.</summary>
    public const string DefaultFhirUser = "Practitioner/nurse-1";

    public Uri AuthorizeEndpoint => new(BaseUrl, "/auth/authorize");

    public Uri TokenEndpoint => new(BaseUrl, "/auth/token");

    public Uri JwksUri => new(BaseUrl, "/auth/jwks");

    /// <summary>Where a SMART client discovers the endpoints: [base]/.well-known/smart-configuration.</summary>
    public Uri SmartConfigurationUrl => new(BaseUrl + "/.well-known/smart-configuration");

    /// <summary>An EHR launch context (POST /_admin/smart/launch); the returned id is the launch parameter of the app's launch URL.</summary>
    public async Task<string> CreateLaunchAsync(string patient, string? fhirUser = null, JsonNode? appContext = null)
    {
        var body = new JsonObject { ["patient"] = patient, ["fhirUser"] = fhirUser, ["appContext"] = appContext?.DeepClone() };
        var answer = await SendAsync(HttpMethod.Post, "smart/launch", WithoutNulls(body));
        return (string)answer["launch"]!;
    }

    /// <summary>
    /// Changes some settings (PUT /_admin/smart/settings) and returns them all: tokenLifetimeSeconds, denyScopes (scopes the
    /// "user" refuses), refuse (null or the error authorize answers with, e.g. access_denied), standalonePatient,
    /// standaloneFhirUser.
    /// </summary>
    public Task<JsonObject> ConfigureAsync(JsonObject settings) => SendAsync(HttpMethod.Put, "smart/settings", settings);

    /// <summary>
    /// An access token without a launch (POST /_admin/smart/token), e.g. for the fhirAuthorization of a hook request, so the
    /// CDS service reads with the same rights as the app.
    /// </summary>
    public async Task<SmartToken> MintTokenAsync(string patient, string scope, int? lifetimeSeconds = null)
    {
        var body = new JsonObject { ["patient"] = patient, ["scope"] = scope, ["lifetimeSeconds"] = lifetimeSeconds };
        var answer = await SendAsync(HttpMethod.Post, "smart/token", WithoutNulls(body));
        return new SmartToken((string)answer["access_token"]!, (int)answer["expires_in"]!, (string)answer["scope"]!, (string)answer["patient"]!);
    }

    /// <summary>Expires every token issued so far (a "session expired" for the app); returns how many were still valid.</summary>
    public async Task<int> ExpireTokensAsync() => (int)(await SendAsync(HttpMethod.Post, "smart/expire", null))["expired"]!;

    /// <summary>A FHIR request with an access token, as a SMART client sends it (a body goes as application/fhir+json).</summary>
    /// <param name="path">Relative to the FHIR base, for example <c>Observation?patient=p1</c>; empty for the base itself.</param>
    public async Task<HttpResponseMessage> FhirAsync(HttpMethod method, string path, string accessToken, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl + (path.Length > 0 ? "/" + path : "")));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/fhir+json");
        }

        return await Admin.SendAsync(request);
    }

    /// <summary>Forgets launches, codes and tokens, and puts the settings back to the defaults.</summary>
    public Task ResetAsync() => SendAsync(HttpMethod.Delete, "smart", null);

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, AdminUrl(path)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} /_admin/{path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject WithoutNulls(JsonObject body)
    {
        foreach (var key in body.Where(property => property.Value is null).Select(property => property.Key).ToList())
        {
            body.Remove(key);
        }

        return body;
    }
}
