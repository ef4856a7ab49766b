using System.Net;

namespace CdsHooksIcans.Service.Tests.Authentication;

/// <summary>How the client's fetched key set is reused and refreshed over time: what one matrix row cannot show.</summary>
public sealed class KeySetCachingTests : IDisposable
{
    private const string Discovery = "/cds-services";
    private readonly AuthenticatedService _service = new();

    public void Dispose() => _service.Dispose();

    private async Task<HttpStatusCode> DiscoverAsync(string token) => (await _service.DiscoverAsync(token)).StatusCode;

    [Fact]
    public async Task UnknownKid_IsRefusedUntilTheRefreshedKeySetHasIt()
    {
        using var rotated = new TestClientKeys { EcKid = "rotated-key" };

        Assert.Equal(HttpStatusCode.Unauthorized, await DiscoverAsync(rotated.Mint(rotated.Header(), _service.Claims(Discovery))));
        Assert.Equal(1, _service.RequestsTo("/jwks.json"));

        // The client publishes its new key; a second unknown kid within the minute does not refetch.
        _service.ServeKeySet(TestClientKeys.Jwks(_service.Keys.EcJwk(), rotated.EcJwk()));
        Assert.Equal(HttpStatusCode.Unauthorized, await DiscoverAsync(rotated.Mint(rotated.Header(), _service.Claims(Discovery))));
        Assert.Equal(1, _service.RequestsTo("/jwks.json"));

        _service.Factory.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, await DiscoverAsync(rotated.Mint(rotated.Header(), _service.Claims(Discovery))));
        Assert.Equal(2, _service.RequestsTo("/jwks.json"));
    }

    [Fact]
    public async Task KnownKid_UsesTheCachedKeySet()
    {
        Assert.Equal(HttpStatusCode.OK, await DiscoverAsync(_service.ValidToken(Discovery)));
        Assert.Equal(HttpStatusCode.OK, await DiscoverAsync(_service.ValidToken(Discovery, "RS384")));

        Assert.Equal(1, _service.RequestsTo("/jwks.json"));
    }
}
