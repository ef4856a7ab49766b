using System.Net;
using CdsHooksIcans.Service.Security;
using CdsHooksIcans.Service.Tests.Authentication;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Telemetry;
using Microsoft.Extensions.Logging;

namespace CdsHooksIcans.Service.Tests.Security;

/// <summary>429s and 401s: every one counted, at most one log line a minute per client; health probes never logged.</summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class RefusalReportingTests
{
    [Fact]
    public async Task HundredRateLimitedCalls_InAMinute_AreOneLineAndCountedAll()
    {
        await using var factory = new CdsServiceFactory().WithFakeTime()
            .WithSetting("CdsHooks:RateLimit:BurstLimit", "1")
            .WithSetting("CdsHooks:RateLimit:RequestsPerPeriod", "1")
            .WithSetting("CdsHooks:RateLimit:ReplenishmentPeriod", "01:00:00");
        var telemetry = new TelemetryCapture(factory);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cds-services")).StatusCode);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/cds-services")).StatusCode);
            factory.Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        var line = Assert.Single(factory.Logs.Entries, e => e.EventId.Id == 3005);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(1L, line.Values["Refused"]);
        Assert.Equal(100, telemetry.Total("cds.rate_limit.rejected", ("cds.client", "anonymous")));

        // A minute after the first line, the next refusal is logged with the 99 held back and itself.
        factory.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/cds-services")).StatusCode);
        var lines = factory.Logs.Entries.Where(e => e.EventId.Id == 3005).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(100L, lines[1].Values["Refused"]);
        Assert.Equal(101, telemetry.Total("cds.rate_limit.rejected"));
    }

    [Fact]
    public async Task UnauthenticatedCalls_AreCountedAndLoggedOnceAMinute_ProbesNever()
    {
        TelemetryCapture? capture = null;
        // Production's log levels (appsettings.json); the Production environment itself would refuse the test client's http key set URL.
        using var service = new AuthenticatedService(configure: factory => capture = new TelemetryCapture(factory
            .WithSetting("Logging:LogLevel:Default", "Information")
            .WithSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning")));
        var telemetry = capture!;
        // Start-up and warm-up have logged (readyz answers once warm-up is done); from here on only the calls below log.
        Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/readyz")).StatusCode);
        await Task.Delay(200);
        var before = service.Factory.Logs.Entries.Count;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await service.Http.GetAsync("/readyz")).StatusCode);
        }

        await Task.Delay(100);
        Assert.DoesNotContain(service.Factory.Logs.Entries.Skip(before), e => e.Level is >= LogLevel.Information and < LogLevel.None);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await service.DiscoverAsync(null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await service.DiscoverAsync("not.a-token")).StatusCode);
        }

        var logged = service.Factory.Logs.Entries.Skip(before).Where(e => e.Level is >= LogLevel.Information and < LogLevel.None).ToList();
        var line = Assert.Single(logged);
        Assert.Equal(3006, line.EventId.Id);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("no Bearer token", line.Values["Reason"]);
        Assert.DoesNotContain(service.Factory.Logs.Entries, e => e.Message.Contains("was not authenticated", StringComparison.Ordinal));
        Assert.Equal(10, telemetry.Total("cds.auth.unauthorized"));
    }

    [Fact]
    public void Throttle_BeyondItsKeys_SharesOneLineForNewClients()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var throttle = new CdsHooksIcans.Service.Hosting.LogThrottle(time, ClientRefusals.LogInterval, maxKeys: 2);
        var (a, b, c, d) = ("ip a", "ip b", "ip c", "ip d");

        Assert.True(throttle.ShouldLog(ref a, out _));
        Assert.True(throttle.ShouldLog(ref b, out _));
        Assert.True(throttle.ShouldLog(ref c, out _));
        Assert.False(throttle.ShouldLog(ref d, out _));
        Assert.Equal(CdsHooksIcans.Service.Hosting.LogThrottle.OverflowKey, c);
        Assert.Equal(CdsHooksIcans.Service.Hosting.LogThrottle.OverflowKey, d);

        // Once their minute has run out, the clients' windows are forgotten and new clients get their own again.
        time.Advance(ClientRefusals.LogInterval);
        var e = "ip e";
        Assert.True(throttle.ShouldLog(ref e, out var events));
        Assert.Equal("ip e", e);
        Assert.Equal(1, events);
    }
}
