using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;

namespace CdsHooksIcans.Service.Tests.SmartApp;

/// <summary>The bedside app's grading endpoint: one engine, so its answer is the patient-view card's, word for word.</summary>
public sealed class GradeEndpointTests
{
    public static TheoryData<string> Scenarios() => ScenarioTests.Scenarios();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Grade_OfAScenarioChart_IsThePatientViewCardsGradeAndSummary(string file)
    {
        var (patientId, resources) = ScenarioTests.LoadScenario(file);
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(ScenarioTests.GradedAt(file));
        using var client = factory.CreateClient();
        var hook = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources);
        using var cardAnswer = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, hook);
        var card = (await cardAnswer.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray()
            .SingleOrDefault(c => c!["extension"]?[GradingExtension.Key] is not null);

        using var answer = await client.PostAsJsonAsync("/app/api/grade", Collection(resources));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var grade = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        if (card is null)
        {
            Assert.Null(grade["summary"]);
            return;
        }

        Assert.Equal((string)card["summary"]!, (string)grade["summary"]!);
        Assert.Equal(card["extension"]![GradingExtension.Key]!.ToJsonString(), grade["grading"]!.ToJsonString());
    }

    [Fact]
    public async Task Grade_StoresNothing_AndLogsNoPatientData()
    {
        var (_, resources) = ScenarioTests.LoadScenario("Bundle-scenario-grade-3.json");
        await using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/app/api/grade", Collection(resources));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logged = factory.Logs.AllText();
        Assert.DoesNotContain("grade-3-patient", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Observation/", logged, StringComparison.Ordinal);
    }

    private static JsonObject Collection(IEnumerable<JsonObject> resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "collection",
        ["entry"] = new JsonArray([.. resources.Select(r => new JsonObject { ["resource"] = r.DeepClone() })]),
    };
}
