using System.Net;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class CorsTests : IDisposable
{
    private const string Sandbox = "https://sandbox.cds-hooks.org";

    private readonly CdsServiceFactory _factory = new();
    private readonly HttpClient _client;

    public CorsTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/cds-services", "GET")]
    [InlineData("/cds-services/test-patient-view", "POST")]
    [InlineData("/cds-services/test-patient-view/feedback", "POST")]
    public async Task Preflight_FromSandboxWithoutToken_IsAllowed(string path, string method)
    {
        var response = await _client.SendAsync(Preflight(path, method, Sandbox));

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal(Sandbox, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains(method, Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var allowedHeaders = Header(response, "Access-Control-Allow-Headers")!.ToUpperInvariant();
        Assert.Contains("AUTHORIZATION", allowedHeaders, StringComparison.Ordinal);
        Assert.Contains("CONTENT-TYPE", allowedHeaders, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8080")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:3000")]
    public async Task Preflight_FromALocalSandboxByNameOrAddress_IsAllowedInDevelopment(string origin)
    {
        var response = await _client.SendAsync(Preflight("/cds-services/test-patient-view", "POST", origin));

        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_AskingForPrivateNetwork_IsGrantedToAllowedOrigin()
    {
        using var request = Preflight("/cds-services/test-patient-view", "POST", Sandbox);
        request.Headers.Add("Access-Control-Request-Private-Network", "true");

        var response = await _client.SendAsync(request);

        Assert.Equal("true", Header(response, "Access-Control-Allow-Private-Network"));
    }

    [Fact]
    public async Task Preflight_FromUnknownOrigin_GetsNoCorsHeaders()
    {
        using var request = Preflight("/cds-services/test-patient-view", "POST", "https://evil.example.com");
        request.Headers.Add("Access-Control-Request-Private-Network", "true");

        var response = await _client.SendAsync(request);

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Private-Network"));
    }

    [Fact]
    public async Task Get_FromSandbox_CarriesAllowOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.Add("Origin", Sandbox);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sandbox, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ErrorResponse_FromSandbox_CarriesAllowOrigin()
    {
        // The sandbox can only show a 4xx in its developer panel when the browser lets it read the answer.
        var content = new StringContent("{", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/test-patient-view") { Content = content };
        request.Headers.Add("Origin", Sandbox);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Sandbox, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Get_FromUnknownOrigin_GetsNoAllowOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services");
        request.Headers.Add("Origin", "https://evil.example.com");

        var response = await _client.SendAsync(request);

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string method, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
