using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.Service.Tests.Scenarios;

/// <summary>
/// Each scenario Bundle of fhir-profiles/scenarios, sent as prefetch built from the service's own discovery templates
/// (as an EHR would), gives the grading card its expectations name, at the scenario's reference time, and the number of
/// cards they name (at most two: the grading card and one management card).
/// </summary>
public sealed class ScenarioTests
{
    private static readonly string ScenarioFolder = RepositoryRoot.File(Path.Combine("fhir-profiles", "scenarios"));
    private static readonly JsonObject Expectations = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "expectations.json")))!.AsObject();

    private static List<string> ScenarioFiles() =>
        [.. Directory.EnumerateFiles(ScenarioFolder, "Bundle-scenario-*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Scenarios() => [.. ScenarioFiles()];

    /// <summary>The time a scenario is graded at (its expectation's <c>now</c>).</summary>
    internal static DateTimeOffset GradedAt(string file) => DateTimeOffset.Parse((string)Expectations[file]!["now"]!, CultureInfo.InvariantCulture);

    [Fact]
    public void EveryScenario_HasAnExpectation()
    {
        Assert.Equal(ScenarioFiles(), Expectations.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async System.Threading.Tasks.Task PatientView_Scenario_GivesTheExpectedGradingCard(string file)
    {
        var expect = Expectations[file]!.AsObject();
        var (patientId, resources) = LoadScenario(file);
        await using var factory = NewFactory(GradedAt(file));
        using var client = factory.CreateClient();

        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources, "Practitioner/scenario-clinician");

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray();
        var grading = cards.Where(c => ((string)c!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal)).ToList();
        AssertLateNeurotoxicityCard(cards, expect, resources);

        if (!(bool)expect["card"]!)
        {
            Assert.Empty(grading);
            return;
        }

        var card = Assert.Single(grading)!;
        var extension = card["extension"]![GradingExtension.Key]!;
        var status = (string)expect["status"]!;
        Assert.Equal(status, (string)extension["status"]!);
        Assert.Equal((int)expect["lowerBound"]!, (int)extension["lowerBound"]!);
        if (status == "graded")
        {
            var grade = (int)expect["grade"]!;
            Assert.StartsWith($"ICANS grade {grade}", (string)card["summary"]!, StringComparison.Ordinal);
            Assert.Equal(grade, (int)extension["grade"]!);
            Assert.Equal(grade switch { 0 => "info", 1 or 2 => "warning", _ => "critical" }, (string)card["indicator"]!);
            AssertRecordsGrade(card, patientId, grade);
        }
        else
        {
            Assert.StartsWith("ICANS grade unknown", (string)card["summary"]!, StringComparison.Ordinal);
            Assert.Null(extension["grade"]);
            // The indicator of the lower bound, at least warning (data contract v2 §4).
            Assert.Equal((int)expect["lowerBound"]! >= 3 ? "critical" : "warning", (string)card["indicator"]!);
        }

        List<string> driving = [.. (extension["drivingDomains"]?.AsArray() ?? []).Select(d => (string)d!).Order(StringComparer.Ordinal)];
        Assert.Equal(expect["drivingDomains"]!.AsArray().Select(d => (string)d!).Order(StringComparer.Ordinal), driving);
        if (expect.ContainsKey("crsGrade"))
        {
            Assert.Equal((int?)expect["crsGrade"], (int?)extension["crsGrade"]);
        }

        Assert.All(extension["evidence"]?.AsArray() ?? [], e => Assert.Contains(resources, r => $"{r["resourceType"]}/{r["id"]}" == (string)e!));
        Assert.Contains("supports, and does not replace, clinical judgment", (string)card["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async System.Threading.Tasks.Task PatientView_Scenario_AnswersWithAtMostTwoCards(string file)
    {
        var cards = await PatientViewCardsAsync(file);

        // Alert fatigue (docs/adr/0018): the grading card and one management card at most, each ending with the line
        // that it supports judgment.
        Assert.True(cards.Count <= 2, $"{file}: {cards.Count} cards ({string.Join(" | ", cards.Select(c => (string)c!["summary"]!))})");
        Assert.Equal((int)Expectations[file]!["cardCount"]!, cards.Count);
        if (cards.Any(IsGrading))
        {
            Assert.True(IsGrading(cards[0]), $"{file}: the grading card comes first");
            Assert.Equal(2, cards.Count);
        }

        Assert.All(cards, c => Assert.Contains("supports, and does not replace, clinical judgment", ((string)c!["detail"]!).Split('\n')[^1], StringComparison.Ordinal));
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientView_Grade2AxiCel_IsGradingAndOneManagementCard_WithTheHighRiskSectionFoldedIn()
    {
        var cards = await PatientViewCardsAsync("Bundle-scenario-grade-2.json");

        Assert.Equal(2, cards.Count);
        Assert.StartsWith("ICANS grade 2", (string)cards[0]!["summary"]!, StringComparison.Ordinal);
        Assert.StartsWith("ICANS management, grade 2", (string)cards[1]!["summary"]!, StringComparison.Ordinal);
        var detail = (string)cards[1]!["detail"]!;
        Assert.Contains("**High-risk product (", detail, StringComparison.Ordinal);
        Assert.Contains("Tocilizumab is not indicated for ICANS without CRS", detail, StringComparison.Ordinal);
        // Actions come first: the corticosteroid order is the first bullet.
        Assert.StartsWith("- Corticosteroid:", detail[(detail.IndexOf("**Do now:**", StringComparison.Ordinal) + "**Do now:**".Length)..].TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("research", string.Join(" ", cards.Select(c => (string)c!["summary"]!)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientView_ResearchCardsTurnedOn_AddTheResearchCard()
    {
        var cards = await PatientViewCardsAsync("Bundle-scenario-grade-2.json", factory => factory.WithSetting("CdsHooks:Content:ShowResearchCards", "true"));

        Assert.Equal(3, cards.Count);
        Assert.StartsWith("Research, not a recommendation", (string)cards[2]!["summary"]!, StringComparison.Ordinal);
    }

    private static bool IsGrading(JsonNode? card) => ((string)card!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal);

    private static async System.Threading.Tasks.Task<List<JsonNode?>> PatientViewCardsAsync(string file, Func<CdsServiceFactory, CdsServiceFactory>? configure = null)
    {
        var expect = Expectations[file]!.AsObject();
        var (patientId, resources) = LoadScenario(file);
        await using var factory = (configure ?? (f => f))(NewFactory(GradedAt(file)));
        using var client = factory.CreateClient();
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources, "Practitioner/scenario-clinician");

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray()];
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientView_LateFindingBesideALateOnsetGrade_GivesOneLateCardBesideTheGradingCard()
    {
        var (patientId, resources) = LoadScenario("Bundle-scenario-late-neurotoxicity.json");
        // The same patient, now with ICE 5/10: a late-onset ICANS grade 2 beside the parkinsonism.
        var ice = resources.Single(r => (string)r["id"]! == "late-neurotoxicity-ice");
        ice["valueInteger"] = 5;
        ice.Remove("component");
        await using var factory = NewFactory(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        using var client = factory.CreateClient();

        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources, "Practitioner/scenario-clinician");
        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray();

        var grading = Assert.Single(cards, c => ((string)c!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal))!;
        Assert.StartsWith("ICANS grade 2", (string)grading["summary"]!, StringComparison.Ordinal);
        // The grading card never names the late findings as ICANS drivers.
        Assert.Equal(["ice"], grading["extension"]![GradingExtension.Key]!["drivingDomains"]!.AsArray().Select(d => (string)d!));
        AssertLateNeurotoxicityCard(cards, new JsonObject { ["lateNeurotoxicity"] = new JsonArray("micrographia", "parkinsonism") }, resources);
    }

    /// <summary>
    /// At most one late-neurotoxicity card; exactly one, naming the expected findings and only the scenario's resources,
    /// when the expectations list them, and then no late-watch note beside it.
    /// </summary>
    private static void AssertLateNeurotoxicityCard(JsonArray cards, JsonObject expect, List<JsonObject> resources)
    {
        var late = cards.Where(c => c!["extension"]?[LateNeurotoxicityExtension.Key] is not null).ToList();
        if (expect["lateNeurotoxicity"] is not JsonArray findings)
        {
            Assert.Empty(late);
            return;
        }

        var card = Assert.Single(late)!;
        var extension = card["extension"]![LateNeurotoxicityExtension.Key]!;
        Assert.Equal(
            findings.Select(f => (string)f!).Order(StringComparer.Ordinal),
            extension["findings"]!.AsArray().Select(f => (string)f!).Order(StringComparer.Ordinal));
        Assert.All(extension["evidence"]!.AsArray(), e => Assert.Contains(resources, r => $"{r["resourceType"]}/{r["id"]}" == (string)e!));
        Assert.StartsWith("Late neurotoxicity after BCMA CAR-T: ", (string)card["summary"]!, StringComparison.Ordinal);
        Assert.True(((string)card["summary"]!).Length < 140);
        Assert.Equal("warning", (string)card["indicator"]!);
        Assert.Contains("supports, and does not replace, clinical judgment", (string)card["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(cards, c => ((string)c!["summary"]!).Contains("watch for delayed neurotoxicity", StringComparison.Ordinal));
    }

    // The suggestion is a complete, strictly valid R4 Observation recording the grade for this patient.
    private static void AssertRecordsGrade(JsonNode card, string patientId, int grade)
    {
        var action = card["suggestions"]!.AsArray().SelectMany(s => s!["actions"]!.AsArray()).Single()!;
        Assert.Equal("create", (string)action["type"]!);
        var observation = Assert.IsType<Observation>(new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict))
            .DeserializeResource(action["resource"]!.ToJsonString()));
        Assert.Equal("icans-grade", observation.Code.Coding.Single().Code);
        Assert.Equal(grade, Assert.IsType<Integer>(observation.Value).Value);
        Assert.Equal("Patient/" + patientId, observation.Subject?.Reference);
        Assert.NotEmpty(observation.DerivedFrom);
    }

    private static CdsServiceFactory NewFactory(DateTimeOffset now)
    {
        var factory = new CdsServiceFactory().WithFakeTime().WithSequentialIds();
        factory.Time.SetUtcNow(now);
        return factory;
    }

    internal static (string PatientId, List<JsonObject> Resources) LoadScenario(string file)
    {
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioFolder, file)))!;
        var resources = bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).ToList();
        var patient = resources.Single(r => (string)r["resourceType"]! == "Patient");
        return ((string)patient["id"]!, resources);
    }
}
