using System.Net;
using CdsHooksIcans.Service.Tests.Authentication;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Security;

public sealed class RateLimitTests
{
    private static CdsServiceFactory WithBudgetOfThree(CdsServiceFactory factory) => factory
        .WithSetting("CdsHooks:RateLimit:BurstLimit", "3")
        .WithSetting("CdsHooks:RateLimit:RequestsPerPeriod", "1")
        .WithSetting("CdsHooks:RateLimit:ReplenishmentPeriod", "01:00:00");

    [Fact]
    public async Task Calls_OverTheBudget_Are429WithOperationOutcome()
    {
        using var factory = WithBudgetOfThree(new CdsServiceFactory());
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cds-services")).StatusCode);
        }

        var refused = await client.GetAsync("/cds-services");

        var issue = Assert.Single(await refused.ReadOutcomeAsync(HttpStatusCode.TooManyRequests));
        Assert.Equal("throttled", issue.Code);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Budget_IsPerAuthenticatedClient()
    {
        using var service = new AuthenticatedService(configure: factory => WithBudgetOfThree(factory));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await service.DiscoverAsync(service.ValidToken("/cds-services"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await service.DiscoverAsync(service.ValidToken("/cds-services"))).StatusCode);

        // A caller without a valid token is another partition (its remote address): refused for its token, not throttled.
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.DiscoverAsync(null)).StatusCode);
    }
}
