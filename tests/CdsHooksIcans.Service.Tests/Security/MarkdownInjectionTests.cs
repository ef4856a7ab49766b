using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;

namespace CdsHooksIcans.Service.Tests.Security;

/// <summary>
/// FHIR text is data, not markup: a Patient name, an Observation note, displays and free text carrying markdown links,
/// images and HTML must not reach a card as live markup. Runs a graded scenario end to end with every such field poisoned.
/// </summary>
public sealed class MarkdownInjectionTests
{
    private const string Payload = "[click me](javascript:alert(1)) ![x](https://evil.example/t.png) <script>alert(1)</script> <img src=x onerror=alert(1)> **bold**";
    private static readonly HashSet<string> TextFields = ["text", "display", "family", "valueString", "div", "name"];

    [Fact]
    public async Task PatientView_PoisonedNamesNotesAndDisplays_CardsCarryNoLiveMarkup()
    {
        var (patientId, resources) = ScenarioTests.LoadScenario("Bundle-scenario-grade-2.json");
        foreach (var resource in resources)
        {
            Poison(resource);
            resource["note"] = new JsonArray(new JsonObject { ["text"] = Payload });
        }

        var patient = resources.Single(r => (string)r["resourceType"]! == "Patient");
        patient["name"] = new JsonArray(new JsonObject { ["family"] = Payload, ["given"] = new JsonArray(Payload), ["text"] = Payload });

        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(DateTimeOffset.Parse("2026-01-15T12:00:00Z", CultureInfo.InvariantCulture));
        using var client = factory.CreateClient();
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources, "Practitioner/scenario-clinician");

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray();
        Assert.Contains(cards, card => ((string)card!["summary"]!).StartsWith("ICANS grade 2", StringComparison.Ordinal));
        foreach (var card in cards)
        {
            var text = card!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("[click me](", text, StringComparison.Ordinal);
            Assert.DoesNotContain("![x](", text, StringComparison.Ordinal);
            Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
            foreach (var link in card["links"]?.AsArray() ?? [])
            {
                Assert.DoesNotContain("evil.example", (string)link!["url"]!, StringComparison.Ordinal);
            }
        }
    }

    // Every free-text string in the resource (names, displays, narrative), leaving codes, ids and references intact.
    private static void Poison(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue leaf && leaf.TryGetValue<string>(out _) && TextFields.Contains(key))
                    {
                        obj[key] = key == "div" ? $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{Payload}</div>" : Payload;
                    }
                    else
                    {
                        Poison(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Poison(item);
                }

                break;
        }
    }
}
