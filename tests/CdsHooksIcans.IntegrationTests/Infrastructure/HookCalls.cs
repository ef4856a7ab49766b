using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;

namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>patient-view request bodies and a uuid-free view of the cards, for comparing answers across runs.</summary>
public static class HookCalls
{
    public const string UserId = "Practitioner/integration-clinician";

    public static readonly string PatientViewPath = "/cds-services/" + ServiceDefinitions.PatientViewId;

    public static JsonObject PatientView(string patientId, Uri? fhirServer, JsonObject? prefetch = null)
    {
        var body = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["patientId"] = patientId, ["userId"] = UserId },
        };
        if (fhirServer is not null)
        {
            body["fhirServer"] = fhirServer.AbsoluteUri;
        }

        if (prefetch is not null)
        {
            body["prefetch"] = prefetch;
        }

        return body;
    }

    /// <summary>The patient-view prefetch templates the service advertises in discovery.</summary>
    public static async Task<JsonObject> DiscoveredPrefetchAsync(HttpClient service)
    {
        var discovery = await service.GetFromJsonAsync<JsonObject>("/cds-services");
        return discovery!["services"]!.AsArray().Select(s => s!.AsObject())
            .Single(s => (string)s["id"]! == ServiceDefinitions.PatientViewId)["prefetch"]!.AsObject();
    }

    /// <summary>Runs each template against the FHIR server as an EHR would: no data (a 404 read, an empty search) is null.</summary>
    /// <param name="bearer">An access token, for a server that wants one (the SMART one).</param>
    public static async Task<JsonObject> RunTemplatesAsync(Uri fhirBase, JsonObject templates, string patientId, string? bearer = null)
    {
        using var ehr = new HttpClient();
        if (bearer is not null)
        {
            ehr.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        var prefetch = new JsonObject();
        foreach (var (key, template) in templates)
        {
            var url = template!.GetValue<string>()
                .Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal)
                .Replace("{{context.userId}}", Uri.EscapeDataString(UserId), StringComparison.Ordinal);
            using var response = await ehr.GetAsync(new Uri(fhirBase + "/" + url));
            var body = response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.True(body is null || response.IsSuccessStatusCode, $"the FHIR server refused the '{key}' template: {body}");
            var noData = body is null || ((string?)body["resourceType"] == "Bundle" && body["entry"] is null);
            prefetch[key] = noData ? null : body;
        }

        return prefetch;
    }

    /// <summary>The cards with every <c>uuid</c> removed: the only part of an answer that differs between equal runs.</summary>
    public static JsonArray CardsWithoutUuids(JsonObject response)
    {
        var cards = response["cards"]!.DeepClone().AsArray();
        StripUuids(cards);
        return cards;
    }

    private static void StripUuids(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("uuid");
                foreach (var (_, child) in obj)
                {
                    StripUuids(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripUuids(child);
                }

                break;
        }
    }
}
