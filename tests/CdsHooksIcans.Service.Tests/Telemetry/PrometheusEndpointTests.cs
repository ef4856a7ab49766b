using System.Net;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint is off by default and serves the service's metrics at the configured path.</summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task ByDefault_NoScrapeEndpoint()
    {
        await using var factory = new CdsServiceFactory();

        using var response = await factory.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ScrapeEndpointSetting_ServesHookCallMetrics_Anonymously()
    {
        await using var factory = new CdsServiceFactory()
            .WithSetting("CdsHooks:Authentication:Mode", "Required")
            .WithSetting("CdsHooks:Telemetry:PrometheusScrapeEndpoint", "/metrics");
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest())).StatusCode);

        string text = "";
        for (var i = 0; i < 100 && !text.Contains("cds_hook_calls", StringComparison.Ordinal); i++)
        {
            using var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(20);
        }

        Assert.Contains("cds_hook_calls_total{", text, StringComparison.Ordinal);
        Assert.Contains("cds_service=\"test-patient-view\"", text, StringComparison.Ordinal);
        Assert.Contains("http_response_status_code=\"401\"", text, StringComparison.Ordinal);
        Assert.Contains("cds_auth_unauthorized_total", text, StringComparison.Ordinal);
        Assert.Contains("cds_hook_duration_seconds_bucket", text, StringComparison.Ordinal);
    }
}
