using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Security;

/// <summary>Hostile bodies the protocol tests do not already cover (size, depth, UTF-8, duplicates and types are in Protocol/).</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task PatientView_PrefetchBundleWithHugeEntryArray_IsAnsweredQuicklyWithout5xx()
    {
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(DateTimeOffset.Parse("2026-01-15T12:00:00Z", CultureInfo.InvariantCulture));
        using var client = factory.CreateDefaultClient();
        // As many tiny Observations as fit in the default 1 MiB body.
        var entries = new JsonArray();
        for (var i = 0; i < 12_000; i++)
        {
            entries.Add(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = "Observation", ["status"] = "final" } });
        }

        var body = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["patientId"] = "p1", ["userId"] = "Practitioner/u1" },
            ["prefetch"] = new JsonObject { ["observations"] = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = entries } },
        };
        var watch = Stopwatch.StartNew();

        using var response = await client.PostJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1")]
    [InlineData("2147483648")]
    public async Task Call_ExpiresInOutOfRange_Is400(string expiresIn)
    {
        await using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();
        var body = CdsHttp.PatientViewRequest();
        var authorization = CdsHttp.FhirAuthorization();
        authorization["expires_in"] = JsonNode.Parse(expiresIn);
        body["fhirAuthorization"] = authorization;

        var response = await client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(factory.PatientView.LastRequest);
    }
}
