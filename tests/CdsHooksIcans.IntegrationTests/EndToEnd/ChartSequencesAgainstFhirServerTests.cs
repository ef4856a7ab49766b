using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.ChartSequences;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.IntegrationTests.EndToEnd;

/// <summary>
/// Every row of the chart-sequence table, loaded into the real FHIR server and graded through it twice: with the
/// prefetch an EHR builds by running the discovery templates against the server, and with no prefetch (the service
/// reads fhirServer). Both answers are the same and say what the table says.
/// </summary>
[Collection(UsesLocalFhirServer.Name)]
public sealed class ChartSequencesAgainstFhirServerTests(LocalFhirServer fhir, ScenarioService service) : IClassFixture<ScenarioService>
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static Uri? s_loadedInto;

    [Theory]
    [MemberData(nameof(ChartSequenceTable.Keys), MemberType = typeof(ChartSequenceTable))]
    public async Task Sequence_FromTheFhirServer_WithAndWithoutPrefetch_GradesAsTheTableSays(string key)
    {
        // The table is written around the scenarios' reference time, the time this service's clock reads.
        Assert.Equal(Scenarios.ReferenceTime, ChartSequenceTable.Now);
        await LoadTableAsync();
        var row = ChartSequenceTable.Row(key);
        var patientId = ChartSequenceTable.PatientId(row);
        using var client = service.Factory.CreateClient();
        var wording = service.Factory.Services.GetRequiredService<IcansContent>().Wording;

        var prefetch = await HookCalls.RunTemplatesAsync(fhir.BaseUrl, await HookCalls.DiscoveredPrefetchAsync(client), patientId);
        var withPrefetch = await CallAsync(client, patientId, prefetch);
        var withoutPrefetch = await CallAsync(client, patientId, prefetch: null);

        ChartSequenceTable.Check(row, withPrefetch, wording);
        Assert.Equal(withPrefetch.ToJsonString(), withoutPrefetch.ToJsonString());
    }

    private async Task<JsonArray> CallAsync(HttpClient client, string patientId, JsonObject? prefetch)
    {
        using var response = await client.PostAsJsonAsync(HookCalls.PatientViewPath, HookCalls.PatientView(patientId, fhir.BaseUrl, prefetch));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"patient-view answered {(int)response.StatusCode}: {text}");
        return HookCalls.CardsWithoutUuids(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Loads every row once per FHIR server process, as transaction Bundles of PUTs.</summary>
    private async Task LoadTableAsync()
    {
        await Loading.WaitAsync();
        try
        {
            if (s_loadedInto == fhir.BaseUrl)
            {
                return;
            }

            using var http = new HttpClient();
            foreach (var row in ChartSequenceTable.Rows)
            {
                using var content = new StringContent(ChartSequenceTable.TransactionBundle(row).ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json");
                using var response = await http.PostAsync(fhir.BaseUrl, content);
                Assert.True(response.IsSuccessStatusCode, $"loading {row["key"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            s_loadedInto = fhir.BaseUrl;
        }
        finally
        {
            Loading.Release();
        }
    }
}
