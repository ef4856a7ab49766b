using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>
/// A gatherer built the way the service builds it (AddClinicalDataGathering, short limits) in front of a WireMock server
/// playing the EHR's FHIR server at <c>/fhir</c>.
/// </summary>
internal sealed class GathererHarness : IDisposable
{
    public const string PatientId = "pat-1";
    public const string UserId = "Practitioner/doc-1";

    private readonly ServiceProvider _services;

    /// <param name="settings">CdsHooks:Fhir settings, by name under that section.</param>
    /// <param name="services">More registrations after the service's own, such as a handler in the FHIR client.</param>
    public GathererHarness(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            // Generous: tests about the deadline set their own; the rest must not fail on a busy CI machine.
            ["CdsHooks:Fhir:HookDeadline"] = "00:00:10",
            ["CdsHooks:Fhir:AttemptTimeout"] = "00:00:00.800",
            ["CdsHooks:Fhir:RetryBaseDelay"] = "00:00:00.010",
            ["CdsHooks:Fhir:CircuitBreaker:BreakDuration"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration["CdsHooks:Fhir:" + key] = value;
        }

        var collection = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddClinicalDataGathering();
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider(validateScopes: true);
        Gatherer = _services.GetRequiredService<ClinicalDataGatherer>();
        // The SDK's one-time set-up (the host's HookWarmUp pays it at start); without it the first test would spend its deadline on it.
        FhirJson.TryParse(JsonDocument.Parse("""{"resourceType":"Observation","status":"final","code":{"text":"warm-up"}}""").RootElement);
        WarmUpStubServer();
    }

    public WireMockServer Fhir { get; } = WireMockServer.Start();

    /// <summary>What the gatherer logged.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public ClinicalDataGatherer Gatherer { get; }

    public Uri FhirBase => new(Fhir.Url + "/fhir");

    public int RequestsReceived => Fhir.LogEntries.Count;

    /// <summary>Answers GET {base}/{path} with a FHIR JSON body (or another status and content type).</summary>
    public void Serve(string path, string body, int status = 200, string contentType = "application/fhir+json")
        => Fhir.Given(Request.Create().WithPath("/fhir/" + path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    /// <summary>Answers GET {base}/{path} with each response in turn; the last one repeats.</summary>
    public void ServeInTurn(string path, params Func<IResponseBuilder, IResponseBuilder>[] responses)
    {
        var scenario = "turns of " + path;
        for (var turn = 0; turn < responses.Length; turn++)
        {
            var mapping = Fhir.Given(Request.Create().WithPath("/fhir/" + path).UsingGet()).InScenario(scenario);
            if (turn > 0)
            {
                mapping = mapping.WhenStateIs($"turn {turn}");
            }

            if (turn < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"turn {turn + 1}");
            }

            mapping.RespondWith(responses[turn](Response.Create()));
        }
    }

    public HookRequest NewRequest(
        IReadOnlyDictionary<string, string>? prefetch = null,
        bool withFhirServer = true,
        string? accessToken = null,
        string patientId = PatientId,
        string userId = UserId)
    {
        var context = new JsonObject { ["patientId"] = patientId, ["userId"] = userId };
        return new HookRequest(
            ServiceId: "icans-patient-view",
            Hook: "patient-view",
            HookInstance: Guid.NewGuid().ToString(),
            FhirServer: withFhirServer ? FhirBase : null,
            FhirAuthorization: accessToken is null
                ? null
                : new FhirAuthorization(accessToken, "Bearer", 300, "user/Patient.read user/Observation.read", "icans-service", null),
            PatientId: patientId,
            UserId: userId,
            EncounterId: null,
            Context: JsonSerializer.SerializeToElement(context),
            Prefetch: (prefetch ?? new Dictionary<string, string>())
                .ToDictionary(entry => entry.Key, entry => JsonDocument.Parse(entry.Value).RootElement.Clone()));
    }

    public Task<GatheredData> GatherAsync(HookRequest request, params PrefetchQuery[] queries)
        => Gatherer.GatherAsync(request, queries, CancellationToken.None);

    /// <summary>
    /// One request so WireMock's own first-request start-up (JIT, Kestrel) is not mistaken for a slow FHIR server by the
    /// attempt timeout, and once per process one read through a throwaway gatherer, so the first use of the FHIR client
    /// and its resilience pipeline is not either (on a busy CI machine a test once saw a retry after the 800 ms attempt
    /// timeout). A throwaway gatherer, so this harness's circuit breaker has seen nothing. The log is cleared so tests
    /// count only their own requests.
    /// </summary>
    private void WarmUpStubServer()
    {
        using (var http = new HttpClient())
        using (http.GetAsync(new Uri(Fhir.Url + "/warm-up")).GetAwaiter().GetResult())
        {
        }

        lock (FhirClientWarmUp)
        {
            if (!s_fhirClientWarm)
            {
                using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddClinicalDataGathering().BuildServiceProvider();
                Serve("Patient/warm-up", FhirBodies.Patient("warm-up"));
                services.GetRequiredService<ClinicalDataGatherer>()
                    .GatherAsync(NewRequest(patientId: "warm-up"), [new PrefetchQuery("warm-up", "Patient/{{context.patientId}}", Required: false)], CancellationToken.None)
                    .GetAwaiter().GetResult();
                Fhir.ResetMappings();
                s_fhirClientWarm = true;
            }
        }

        Fhir.ResetLogEntries();
    }

    private static readonly Lock FhirClientWarmUp = new();
    private static bool s_fhirClientWarm;

    public void Dispose()
    {
        Fhir.Stop();
        Fhir.Dispose();
        _services.Dispose();
    }
}

/// <summary>Small FHIR R4 JSON bodies for the tests.</summary>
internal static class FhirBodies
{
    public const string PatientPath = "Patient/" + GathererHarness.PatientId;

    public static readonly PrefetchQuery PatientQuery = new("patient", "Patient/{{context.patientId}}", Required: true);

    public static readonly PrefetchQuery IceQuery = new("ice", "Observation?patient={{context.patientId}}&code=http://loinc.org|96763-0", Required: false);

    public static string Patient(string id = GathererHarness.PatientId)
        => $$"""{"resourceType":"Patient","id":"{{id}}"}""";

    public static string OperationOutcome(string code = "not-found")
        => $$"""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"{{code}}"}]}""";

    /// <summary>A searchset page with Observations of the given ids and, when given, a <c>next</c> link.</summary>
    public static string SearchPage(string? next, params string[] observationIds)
    {
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["link"] = next is null ? new JsonArray() : new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = next }),
            ["entry"] = new JsonArray(observationIds.Select(id => (JsonNode)new JsonObject
            {
                ["fullUrl"] = "Observation/" + id,
                ["resource"] = new JsonObject
                {
                    ["resourceType"] = "Observation",
                    ["id"] = id,
                    ["status"] = "final",
                    ["code"] = new JsonObject { ["text"] = "ICE score" },
                },
                ["search"] = new JsonObject { ["mode"] = "match" },
            }).ToArray()),
        };
        return bundle.ToJsonString();
    }
}
