using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CdsHooksIcans.IntegrationTests.EndToEnd;

/// <summary>
/// patient-view for every scenario against a real FHIR server holding the scenario patients, three ways: the EHR
/// prefetches everything (by running the service's discovery templates against the server), the EHR prefetches nothing
/// (the service queries fhirServer), and a partial prefetch (keys missing, one null). All three must give the same
/// cards. The request counts are what the FHIR server logged.
/// </summary>
[Collection(UsesLocalFhirServer.Name)]
public sealed partial class PatientViewAgainstFhirServerTests(LocalFhirServer fhir, ScenarioService service, ITestOutputHelper output)
    : IClassFixture<ScenarioService>
{
    // Phase 1 decides whether the patient ever had an IEC therapy: MedicationAdministration and Procedure (the therapy
    // records) and Condition, because a coded history of CAR-T (ICD-10-CM Z92.850) also counts as exposure (docs/adr).
    // The three are independent searches, so they are sent together; Patient and Observation follow only for exposed
    // patients. A patient with no IEC therapy therefore costs exactly these three requests, whatever the chart holds.
    private static readonly string[] PhaseOneTypes = ["Condition", "MedicationAdministration", "Procedure"];
    // Phase 2: the chart, and the active orders the management card weighs the running corticosteroid against.
    private static readonly string[] PhaseTwoTypes = ["MedicationRequest", "Observation", "Patient"];

    public static TheoryData<string> ScenarioFiles() => Scenarios.Files();

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public async Task PatientView_FullNoOrPartialPrefetch_SameCards(string file)
    {
        var patientId = Scenarios.PatientId(file);
        using var client = service.Factory.CreateClient();
        var templates = await HookCalls.DiscoveredPrefetchAsync(client);

        // Full prefetch, as an EHR builds it: each template run against its own FHIR server.
        var full = await HookCalls.RunTemplatesAsync(fhir.BaseUrl, templates, patientId);
        var (fullCards, fullRequests) = await CallAsync(client, patientId, full);
        Assert.Empty(fullRequests);

        // No prefetch: the service reads everything from fhirServer.
        var (noPrefetchCards, noPrefetchRequests) = await CallAsync(client, patientId, prefetch: null);

        // Partial: one key the EHR found empty is sent as null (and must not be asked again), a key of each phase is left out.
        var nullKey = full.FirstOrDefault(entry => entry.Value is null).Key;
        Assert.True(nullKey is not null, $"{file}: every template found data, so the partial run has no null key to send");
        List<string> omitted = [new[] { "infusions", "procedures", "conditions" }.First(k => k != nullKey), "observations"];
        var partial = new JsonObject(full.Where(entry => !omitted.Contains(entry.Key)).Select(entry =>
            KeyValuePair.Create(entry.Key, entry.Key == nullKey ? null : entry.Value?.DeepClone())));
        var (partialCards, partialRequests) = await CallAsync(client, patientId, partial);

        output.WriteLine($"{file}: FHIR requests by the service — full prefetch {fullRequests.Count}, no prefetch {noPrefetchRequests.Count} "
            + $"({string.Join(", ", noPrefetchRequests.Select(r => r.ResourceType))}), partial prefetch {partialRequests.Count} "
            + $"(null: {nullKey}; omitted: {string.Join(", ", omitted)})");

        Assert.Equal(fullCards.ToJsonString(), noPrefetchCards.ToJsonString());
        Assert.Equal(fullCards.ToJsonString(), partialCards.ToJsonString());
        AssertGradingCardAsExpected(file, fullCards);

        // An EHR that found an IEC therapy record (or CAR-T history) in phase 1 makes the service read phase 2.
        var exposed = new[] { "infusions", "procedures", "conditions" }.Any(key => full[key] is not null);
        string[] expectedTypes = exposed ? [.. PhaseOneTypes, .. PhaseTwoTypes] : PhaseOneTypes;
        Assert.Equal(expectedTypes.Order(StringComparer.Ordinal), noPrefetchRequests.Select(r => r.ResourceType).Order(StringComparer.Ordinal));

        var phaseTwoKeys = ServiceDefinitions.PatientView(service.Terminology).Prefetch.Where(q => q.Phase > 1).Select(q => q.Key).ToHashSet();
        var fetchedKeys = omitted.Where(key => exposed || !phaseTwoKeys.Contains(key)).ToList();
        Assert.Equal(fetchedKeys.Count, partialRequests.Count);
    }

    [Fact]
    public void Scenarios_IncludeAPatientWithoutIecTherapy()
    {
        // The "stops after three requests" branch above must be exercised by at least one scenario.
        Assert.Contains("Bundle-scenario-no-iec.json", Scenarios.Files());
        Assert.False((bool)Scenarios.Expectation("Bundle-scenario-no-iec.json")["card"]!);
    }

    [Fact]
    public async Task PatientView_NoPrefetch_EachPhaseQueriesInParallel()
    {
        var latency = TimeSpan.FromMilliseconds(300);
        var patientId = Scenarios.PatientId("Bundle-scenario-grade-1.json");
        using var client = service.Factory.CreateClient();
        await fhir.SetLatencyAsync(latency);
        try
        {
            var watch = Stopwatch.StartNew();
            var (cards, requests) = await CallAsync(client, patientId, prefetch: null);
            watch.Stop();
            output.WriteLine($"{requests.Count} requests, each answered after {latency.TotalMilliseconds} ms: the hook took {watch.ElapsedMilliseconds} ms");

            Assert.Contains(cards, c => ((string)c!["summary"]!).StartsWith("ICANS grade 1", StringComparison.Ordinal));
            var phaseOne = requests.Where(r => PhaseOneTypes.Contains(r.ResourceType)).ToList();
            var phaseTwo = requests.Where(r => PhaseTwoTypes.Contains(r.ResourceType)).ToList();
            Assert.Equal(PhaseOneTypes.Length, phaseOne.Count);
            Assert.Equal(PhaseTwoTypes.Length, phaseTwo.Count);
            // Parallel: every request of a phase arrived before the first of that phase was answered.
            Assert.True(phaseOne.Max(r => r.ReceivedMs) < phaseOne.Min(r => r.AnsweredMs!.Value), "phase 1 requests were sent one after another");
            Assert.True(phaseTwo.Max(r => r.ReceivedMs) < phaseTwo.Min(r => r.AnsweredMs!.Value), "phase 2 requests were sent one after another");
            // Phase 2 needs phase 1's answer.
            Assert.True(phaseTwo.Min(r => r.ReceivedMs) >= phaseOne.Max(r => r.AnsweredMs!.Value));
        }
        finally
        {
            await fhir.SetLatencyAsync(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task PatientView_NoPrefetch_ServiceCountMatchesTheServersLog()
    {
        var patientId = Scenarios.PatientId("Bundle-scenario-grade-3.json");
        using var client = service.Factory.CreateClient();
        service.Factory.Logs.Entries.Clear();

        var (_, requests) = await CallAsync(client, patientId, prefetch: null);

        // The gatherer's own count (logged per phase) agrees with what the server saw.
        var counted = service.Factory.Logs.Entries
            .Where(e => e.EventId.Id == 2004)
            .Sum(e => int.Parse(GatheredRequests().Match(e.Message).Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(requests.Count, counted);
        Assert.Equal(PhaseOneTypes.Length + PhaseTwoTypes.Length, counted);
    }

    /// <summary>Calls patient-view with fhirServer set, and returns the uuid-free cards and the FHIR requests the call caused.</summary>
    private async Task<(JsonArray Cards, IReadOnlyList<LoggedRequest> Requests)> CallAsync(HttpClient client, string patientId, JsonObject? prefetch)
    {
        await fhir.ClearRequestLogAsync();
        using var response = await client.PostAsJsonAsync(HookCalls.PatientViewPath, HookCalls.PatientView(patientId, fhir.BaseUrl, prefetch));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"patient-view answered {(int)response.StatusCode}: {text}");
        return (HookCalls.CardsWithoutUuids(JsonNode.Parse(text)!.AsObject()), await fhir.RequestLogAsync());
    }

    private static void AssertGradingCardAsExpected(string file, JsonArray cards)
    {
        var expect = Scenarios.Expectation(file);
        var grading = cards.Where(c => ((string)c!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal)).ToList();
        if (!(bool)expect["card"]!)
        {
            Assert.Empty(grading);
            return;
        }

        var summary = (string)Assert.Single(grading)!["summary"]!;
        Assert.StartsWith((string)expect["status"]! == "graded" ? $"ICANS grade {(int)expect["grade"]!}" : "ICANS grade unknown", summary, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"with (?<count>\d+) FHIR requests")]
    private static partial Regex GatheredRequests();
}

/// <summary>The service in process, its clock at the scenarios' reference time and running, shared by one test class.</summary>
public sealed class ScenarioService : IDisposable
{
    public ScenarioService()
    {
        Factory = new CdsServiceFactory()
            // These tests are about what is read and answered, not speed: limits a busy 2-core CI machine cannot trip,
            // since a retried attempt would change the request counts.
            .WithSetting("CdsHooks:Fhir:HookDeadline", "00:00:20")
            .WithSetting("CdsHooks:Fhir:AttemptTimeout", "00:00:10")
            .WithServices(services => services.AddSingleton<TimeProvider>(new FrozenWallClock(Scenarios.ReferenceTime)));
        Terminology = Factory.Services.GetRequiredService<IcansContent>().Terminology;
    }

    public CdsServiceFactory Factory { get; }

    public Clinical.Terminology.IcansTerminology Terminology { get; }

    public void Dispose() => Factory.Dispose();
}
