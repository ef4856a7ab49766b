using System.Net;

namespace CdsHooksIcans.Service.Tests.Authentication;

public sealed class TenantTests : IDisposable
{
    private readonly AuthenticatedService _service =
        new(configure: factory => factory.WithSetting("CdsHooks:Authentication:Clients:1:Tenants:0", "hospital-a"));

    public void Dispose() => _service.Dispose();

    [Theory]
    [InlineData("hospital-a", HttpStatusCode.OK)]
    [InlineData("hospital-b", HttpStatusCode.Unauthorized)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Token_WhenTenantsConfigured_OnlyListedTenantIsAccepted(string? tenant, HttpStatusCode expected)
    {
        var claims = _service.Claims("/cds-services");
        if (tenant is not null)
        {
            claims["tenant"] = tenant;
        }

        var response = await _service.DiscoverAsync(_service.Keys.Mint(_service.Keys.Header(), claims));

        Assert.Equal(expected, response.StatusCode);
    }
}
