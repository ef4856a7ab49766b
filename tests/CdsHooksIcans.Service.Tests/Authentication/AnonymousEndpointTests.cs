using System.Net;

namespace CdsHooksIcans.Service.Tests.Authentication;

/// <summary>What stays reachable without a token when authentication is Required: health probes and CORS preflights.</summary>
public sealed class AnonymousEndpointTests : IDisposable
{
    private readonly AuthenticatedService _service = new();

    public void Dispose() => _service.Dispose();

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
