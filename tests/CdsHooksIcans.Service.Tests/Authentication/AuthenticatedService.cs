using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CdsHooksIcans.Service.Tests.Authentication;

/// <summary>
/// The service with authentication Required and one test client (<see cref="Issuer"/>) whose JWK Set WireMock serves at
/// <c>/jwks.json</c>; the same WireMock plays the client's FHIR server at <c>/fhir</c>, so its log shows every outbound call.
/// </summary>
public sealed class AuthenticatedService : IDisposable
{
    public const string Issuer = "https://ehr.test";
    public const string PublicBaseUrl = "https://cds.example.org";

    public AuthenticatedService(bool fakeTime = true, Action<CdsServiceFactory>? configure = null)
    {
        Client = "CdsHooks:Authentication:Clients:1:";
        Factory = new CdsServiceFactory()
            .WithSetting("CdsHooks:Authentication:Mode", "Required")
            .WithSetting("CdsHooks:PublicBaseUrl", PublicBaseUrl)
            .WithSetting(Client + "Issuer", Issuer)
            .WithSetting(Client + "JwksUrl", JwksUrl)
            .WithSetting(Client + "AllowedJkuUrls:0", JwksUrl)
            .WithSetting(Client + "Algorithms:0", "ES384")
            .WithSetting(Client + "Algorithms:1", "RS384")
            .WithSetting(Client + "FhirServers:0", Upstream.Url + "/fhir");
        _fakeTime = fakeTime;
        if (fakeTime)
        {
            Factory.WithFakeTime();
        }

        configure?.Invoke(Factory);
        ServeKeySet(TestClientKeys.Jwks(Keys.EcJwk(), Keys.RsaJwk()));
        Http = Factory.CreateClient();
    }

    private readonly bool _fakeTime;

    /// <summary>Configuration prefix of the test client (index 1: Development already lists the sandbox at 0).</summary>
    public string Client { get; }

    public WireMockServer Upstream { get; } = WireMockServer.Start();

    public string JwksUrl => Upstream.Url + "/jwks.json";

    public TestClientKeys Keys { get; } = new();

    public CdsServiceFactory Factory { get; }

    public HttpClient Http { get; }

    public DateTimeOffset Now => _fakeTime ? Factory.Time.GetUtcNow() : DateTimeOffset.UtcNow;

    public int RequestsTo(string path) => Upstream.LogEntries.Count(entry => entry.RequestMessage?.Path == path);

    public void ServeKeySet(string jwks)
        => Upstream.Given(Request.Create().WithPath("/jwks.json").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(jwks));

    public JsonObject Claims(string path) => TestClientKeys.Claims(Issuer, PublicBaseUrl + path, Now);

    public string ValidToken(string path, string alg = "ES384") => Keys.Mint(Keys.Header(alg), Claims(path));

    public Task<HttpResponseMessage> DiscoverAsync(string? token) => SendAsync(HttpMethod.Get, "/cds-services", token);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
        Upstream.Stop();
        Upstream.Dispose();
        Keys.Dispose();
    }
}
