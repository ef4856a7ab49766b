using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using CdsHooksIcans.Service.Tests.Gathering;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;

namespace CdsHooksIcans.IntegrationTests.Faults;

/// <summary>
/// patient-view, with no prefetch, against a FHIR server that misbehaves. Whatever it does, the hook answers within its
/// deadline (plus a small margin for the test host), never with a 500: a required key it cannot read gives 412 with an
/// OperationOutcome naming the key; an optional key (conditions) still gives the grade, and the card says what was not read.
/// </summary>
public sealed class HookUnderFhirFaultsTests
{
    private const string Scenario = "Bundle-scenario-grade-1.json";
    private static readonly TimeSpan HookDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);
    private const int MaxResponseBytes = 64 * 1024;

    public static TheoryData<string> Faults() =>
        ["500", "503 with Retry-After", "429", "slower than the attempt timeout", "non-FHIR body", "wrong content type",
         "OperationOutcome with 200", "Bundle far over the size cap"];

    private static IResponseBuilder Break(IResponseBuilder response, string fault) => fault switch
    {
        "500" => response.WithStatusCode(500).WithHeader("Content-Type", FaultyFhirServer.FhirJson).WithBody(OperationOutcome("exception")),
        "503 with Retry-After" => response.WithStatusCode(503).WithHeader("Retry-After", "1"),
        "429" => response.WithStatusCode(429).WithHeader("Retry-After", "0"),
        "slower than the attempt timeout" => response.WithDelay(TimeSpan.FromSeconds(5)).WithHeader("Content-Type", FaultyFhirServer.FhirJson).WithBody("{}"),
        // A login page where FHIR was expected, labelled as FHIR.
        "non-FHIR body" => response.WithHeader("Content-Type", FaultyFhirServer.FhirJson).WithBody("<html><body>Please sign in</body></html>"),
        "wrong content type" => response.WithHeader("Content-Type", "text/html").WithBody("<html><body>Please sign in</body></html>"),
        "OperationOutcome with 200" => response.WithHeader("Content-Type", FaultyFhirServer.FhirJson).WithBody(OperationOutcome("too-costly")),
        "Bundle far over the size cap" => response.WithHeader("Content-Type", FaultyFhirServer.FhirJson).WithBody(HugeBundle(MaxResponseBytes * 16)),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    [Fact]
    public async Task PatientView_HealthyServer_GradesWithNothingMissing()
    {
        using var fhir = new FaultyFhirServer(Scenario);
        fhir.Serve();
        await using var service = NewService();
        using var client = service.CreateClient();

        var (status, body, _) = await CallAsync(client, fhir);

        Assert.Equal(HttpStatusCode.OK, status);
        var card = GradingCard(body);
        Assert.StartsWith("ICANS grade 1", (string)card["summary"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not read", (string)card["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task PatientView_ConditionsFault_GradeGivenAndCardSaysConditionsUnread(string fault)
    {
        using var fhir = new FaultyFhirServer(Scenario);
        fhir.Serve("Condition", response => Break(response, fault));
        await using var service = NewService();
        using var client = service.CreateClient();

        var (status, body, elapsed) = await CallAsync(client, fhir);

        Assert.True(status == HttpStatusCode.OK, $"{fault}: {(int)status} {body}");
        var card = GradingCard(body);
        Assert.StartsWith("ICANS grade 1", (string)card["summary"]!, StringComparison.Ordinal);
        Assert.Contains("Could not read conditions", (string)card["detail"]!, StringComparison.Ordinal);
        AssertWithinDeadline(elapsed, fault);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task PatientView_ObservationsFault_412NamingObservations(string fault)
    {
        using var fhir = new FaultyFhirServer(Scenario);
        fhir.Serve("Observation", response => Break(response, fault));
        await using var service = NewService();
        using var client = service.CreateClient();

        var (status, body, elapsed) = await CallAsync(client, fhir);

        AssertPreconditionFailed(status, body, "observations");
        AssertWithinDeadline(elapsed, fault);
    }

    [Fact]
    public async Task PatientView_ConnectionsReset_412NamingTheTherapyKeys()
    {
        await using var fhir = ResettingFhirServer.Start(resets: int.MaxValue, body: "{}");
        await using var service = NewService();
        using var client = service.CreateClient();

        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync(HookCalls.PatientViewPath, HookCalls.PatientView("grade-1-patient", fhir.BaseUrl));
        var body = await response.Content.ReadAsStringAsync();

        AssertPreconditionFailed(response.StatusCode, body, "infusions", "procedures");
        // Reset attempts fail as "could not be reached" until they open the circuit, which then refuses the rest.
        Assert.True(body.Contains("could not be reached", StringComparison.Ordinal) || body.Contains("circuit open", StringComparison.Ordinal), body);
        AssertWithinDeadline(watch.Elapsed, "connection reset");
    }

    [Fact]
    public async Task PatientView_NextLinkLoops_EachPageReadOnceAndGraded()
    {
        using var fhir = new FaultyFhirServer(Scenario);
        var loopingPage = JsonNode.Parse(fhir.HealthyBody("Observation"))!.AsObject();
        loopingPage["link"] = new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = fhir.BaseUrl + "/Observation?page=2" });
        fhir.Serve("Observation", response => response.WithHeader("Content-Type", FaultyFhirServer.FhirJson).WithBody(loopingPage.ToJsonString()));
        await using var service = NewService();
        using var client = service.CreateClient();

        var (status, body, elapsed) = await CallAsync(client, fhir);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.StartsWith("ICANS grade 1", (string)GradingCard(body)["summary"]!, StringComparison.Ordinal);
        // The first page and the linked one; the link back to page 2 is recognised, not followed again.
        Assert.Equal(2, fhir.RequestsTo("Observation"));
        AssertWithinDeadline(elapsed, "looping next link");
    }

    [Fact]
    public async Task PatientView_ServerKeepsFailing_CircuitOpensThenRecovers()
    {
        using var fhir = new FaultyFhirServer(Scenario);
        fhir.ServeDown();
        await using var service = NewService();
        using var client = service.CreateClient();

        // The breaker counts requests after their retries: every phase-1 search of every call fails, so it opens once
        // the minimum throughput is reached. (One broken endpoint alone must not open it: see the conditions faults.)
        string body = "";
        for (var call = 0; call < 5 && !body.Contains("circuit open", StringComparison.Ordinal); call++)
        {
            (var status, body, var elapsed) = await CallAsync(client, fhir);
            Assert.True(status == HttpStatusCode.PreconditionFailed, $"call {call}: {(int)status} {body}");
            AssertWithinDeadline(elapsed, "repeated 503");
        }

        Assert.Contains("circuit open", body, StringComparison.Ordinal);

        // Open: the service answers at once without calling the server.
        fhir.Server.ResetLogEntries();
        var (openStatus, _, openElapsed) = await CallAsync(client, fhir);
        Assert.Equal(HttpStatusCode.PreconditionFailed, openStatus);
        Assert.Empty(fhir.Server.LogEntries);
        // No server call (above) and no wait for the deadline; not a tighter bound, which a busy machine could exceed.
        Assert.True(openElapsed < HookDeadline, $"an open circuit took {openElapsed.TotalMilliseconds} ms");

        // The server heals; after the break a trial call closes the circuit again.
        fhir.Serve();
        await Task.Delay(BreakDuration + TimeSpan.FromMilliseconds(200));
        var recovered = false;
        for (var call = 0; call < 5 && !recovered; call++)
        {
            var (status, text, _) = await CallAsync(client, fhir);
            recovered = status == HttpStatusCode.OK;
            if (!recovered)
            {
                // Half-open lets one trial through; calls racing it are still refused.
                Assert.Equal(HttpStatusCode.PreconditionFailed, status);
                Assert.Contains("circuit open", text, StringComparison.Ordinal);
                await Task.Delay(BreakDuration);
            }
        }

        Assert.True(recovered, "the circuit did not close after the server recovered");
    }

    private static CdsServiceFactory NewService() => new CdsServiceFactory()
        .WithSetting("CdsHooks:Fhir:HookDeadline", HookDeadline.ToString())
        .WithSetting("CdsHooks:Fhir:AttemptTimeout", "00:00:00.500")
        .WithSetting("CdsHooks:Fhir:RetryBaseDelay", "00:00:00.010")
        .WithSetting("CdsHooks:Fhir:MaxResponseBytes", MaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting("CdsHooks:Fhir:CircuitBreaker:BreakDuration", BreakDuration.ToString())
        .WithServices(services => services.AddSingleton<TimeProvider>(new ShiftedClock(Scenarios.ReferenceTime)));

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan Elapsed)> CallAsync(HttpClient client, FaultyFhirServer fhir)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync(HookCalls.PatientViewPath, HookCalls.PatientView(fhir.PatientId, fhir.BaseUrl));
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return (response.StatusCode, body, watch.Elapsed);
    }

    private static JsonObject GradingCard(string body)
        => Assert.Single(JsonNode.Parse(body)!["cards"]!.AsArray(), c => ((string)c!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal))!.AsObject();

    private static void AssertPreconditionFailed(HttpStatusCode status, string body, params string[] keys)
    {
        Assert.True(status == HttpStatusCode.PreconditionFailed, $"expected 412, got {(int)status}: {body}");
        var outcome = JsonNode.Parse(body)!;
        Assert.Equal("OperationOutcome", (string)outcome["resourceType"]!);
        var named = outcome["issue"]!.AsArray().Select(i => (string?)i!["expression"]?[0]).Order(StringComparer.Ordinal);
        Assert.Equal(keys.Select(k => "prefetch." + k).Order(StringComparer.Ordinal), named);
        Assert.All(keys, key => Assert.Contains($"Required data '{key}' is unavailable", body, StringComparison.Ordinal));
    }

    private static void AssertWithinDeadline(TimeSpan elapsed, string fault)
        => Assert.True(elapsed < HookDeadline + Margin, $"{fault}: the hook took {elapsed.TotalMilliseconds:F0} ms");

    private static string OperationOutcome(string code)
        => $$"""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"{{code}}","diagnostics":"refused"}]}""";

    private static string HugeBundle(int bytes)
        => new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["resourceType"] = "Condition", ["id"] = "huge", ["note"] = new JsonArray(new JsonObject { ["text"] = new string('x', bytes) }) },
            }),
        }.ToJsonString();
}
