using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CdsHooksIcans.Service.Tests.Hooks;

/// <summary>
/// A grade-3 patient whose EHR put the wrong thing under a prefetch key: the key is read from fhirServer (grade 3, a
/// Warning naming the key), or the call answers 412 naming it. Never a silent <c>{"cards": []}</c>.
/// </summary>
public sealed class WrongShapedPrefetchTests : IDisposable
{
    private const string Scenario = "Bundle-scenario-grade-3.json";
    private readonly WireMockServer _fhir = WireMockServer.Start();
    private readonly CdsServiceFactory _factory = new CdsServiceFactory().WithFakeTime();

    public WrongShapedPrefetchTests() => _factory.Time.SetUtcNow(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _factory.Dispose();
        _fhir.Stop();
        _fhir.Dispose();
    }

    public static TheoryData<string, string> WrongValues() => new()
    {
        { "a Patient", "patient" },
        { "a Bundle holding Observation", "observations" },
        { "an OperationOutcome", "outcome" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public async Task InfusionsKeyOfAnotherShape_IsReadFromFhirServer(string found, string what)
    {
        using var client = _factory.CreateClient();
        var (body, infusions) = await RequestWithWrongInfusionsAsync(client, what);
        _fhir.Given(Request.Create().WithPath("/fhir/MedicationAdministration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/fhir+json").WithBody(infusions.ToJsonString()));
        body["fhirServer"] = _fhir.Url + "/fhir";

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray();
        Assert.StartsWith("ICANS grade 3", (string)cards[0]!["summary"]!, StringComparison.Ordinal);
        Assert.Single(_fhir.LogEntries);
        var warning = Assert.Single(_factory.Logs.Entries, e => e.EventId.Id == 2005);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"Prefetch key infusions holds {found}", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WrongValues))]
    public async Task InfusionsKeyOfAnotherShape_WithoutFhirServer_Is412NamingTheKey(string found, string what)
    {
        using var client = _factory.CreateClient();
        var (body, _) = await RequestWithWrongInfusionsAsync(client, what);

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        var issues = await response.ReadOutcomeAsync(HttpStatusCode.PreconditionFailed);
        var issue = Assert.Single(issues);
        Assert.Equal("prefetch.infusions", issue.Expression);
        Assert.Contains(what == "outcome" ? "reported an error" : found, issue.Diagnostics, StringComparison.Ordinal);
    }

    /// <summary>The grade-3 patient's request as an EHR builds it, with the infusions key replaced, and the infusions it held.</summary>
    private static async Task<(JsonObject Body, JsonNode Infusions)> RequestWithWrongInfusionsAsync(HttpClient client, string what)
    {
        var (patientId, resources) = ScenarioTests.LoadScenario(Scenario);
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources);
        var prefetch = body["prefetch"]!.AsObject();
        var infusions = prefetch["infusions"]!.DeepClone();
        prefetch["infusions"] = what switch
        {
            "patient" => prefetch["patient"]!.DeepClone(),
            "observations" => prefetch["observations"]!.DeepClone(),
            _ => JsonNode.Parse("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception"}]}""")!,
        };
        return (body, infusions);
    }
}
