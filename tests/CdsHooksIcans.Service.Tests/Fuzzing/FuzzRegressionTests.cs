using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;

namespace CdsHooksIcans.Service.Tests.Fuzzing;

/// <summary>
/// Crashes the request fuzzer found (seed 20250301), each reduced to one change of a graded scenario's prefetch.
/// Recoverable FHIR parsing keeps a value of the wrong JSON type, and the model's typed getter throws when the
/// extractor reads it. Hostile prefetch must give a 4xx or an answer, never a 500.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Mutations() => new()
    {
        // CodedValidationException in FindingsExtractor.PatientReference.Is: "Expected property to be a string, but found a Int32".
        { "subject.reference", "42" },
        // CodedValidationException reading Observation.status: "integer 1 is not the right type of literal for a code".
        { "status", "1" },
        // CodedValidationException in CodeKey.TryCreate: a coding system that is not a string.
        { "code.coding.0.system", "true" },
        // "Expected property to be a single CodeableConcept, but found a collection".
        { "code", "[{\"text\":\"a\"},{\"text\":\"b\"}]" },
        // "Expected property to be a dateTime, but found a Boolean" (ObservationTime).
        { "effectiveDateTime", "false" },
        // NullReferenceException in FindingsExtractor.AttributedToOtherCause: a null inside a list (fuzz case 323).
        { "component", "[null]" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task PatientView_ObservationWithWrongTypedElement_IsNot500(string path, string json)
    {
        var (patientId, resources) = ScenarioTests.LoadScenario("Bundle-scenario-grade-2.json");
        var observation = resources.First(r => (string)r["resourceType"]! == "Observation");
        Set(observation, path.Split('.'), JsonNode.Parse(json));

        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(DateTimeOffset.Parse("2026-01-15T12:00:00Z", CultureInfo.InvariantCulture));
        using var client = factory.CreateDefaultClient();
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources, "Practitioner/fuzz");

        using var response = await client.PostJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await response.ReadOutcomeAsync(response.StatusCode);
        }
    }

    private static void Set(JsonNode node, string[] path, JsonNode? value)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            node = int.TryParse(path[i], out var index) ? node[index]! : node[path[i]]!;
        }

        var last = path[^1];
        if (int.TryParse(last, out var at))
        {
            node[at] = value;
        }
        else
        {
            node[last] = value;
        }
    }
}
