using System.Net;
using CdsHooksIcans.Clinical.Cards;
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
    public async Task Readyz_AnswersAfterBothHooksWereWarmedUp_WithoutTakingTheServicesIds()
    {
        using var factory = new CdsServiceFactory().WithSequentialIds();

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(factory.Logs.Entries, e => e.EventId.Id == 1020);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.EventId.Id == 1021);
        Assert.Equal("00000000-0000-4000-8000-000000000001", factory.Services.GetRequiredService<IIdGenerator>().NewId());
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
