using System.Net;
using CdsHooksIcans.Service.Health;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_WhenRunning_Is200()
    {
        using var factory = new CdsServiceFactory();

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WhenEverythingLoaded_Is200()
    {
        using var factory = new CdsServiceFactory();

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_WhenAReadinessCheckFails_Is503ButHealthzStays200()
    {
        using var factory = new CdsServiceFactory().WithServices(services => services.AddHealthChecks()
            .AddCheck("content-not-loaded", () => HealthCheckResult.Unhealthy("cards missing"), tags: [HealthEndpoints.ReadyTag]));
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/readyz");
        var alive = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
