using System.Text.Json.Nodes;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CdsHooksIcans.IntegrationTests.Faults;

/// <summary>
/// WireMock playing the EHR's FHIR server at /fhir for one scenario patient: every query the service makes is answered
/// from the scenario Bundle, except the resource types a test breaks.
/// </summary>
internal sealed class FaultyFhirServer : IDisposable
{
    public const string FhirJson = "application/fhir+json";

    private static readonly string[] SearchedTypes = ["MedicationAdministration", "Procedure", "Condition", "Observation"];

    private readonly List<JsonObject> _resources;

    public FaultyFhirServer(string scenarioFile)
    {
        _resources = [.. Scenarios.Resources(Scenarios.Load(scenarioFile))];
        PatientId = (string)_resources.Single(r => (string)r["resourceType"]! == "Patient")["id"]!;
        // WireMock's own first request (JIT, Kestrel) must not count against the service's attempt timeout.
        using var http = new HttpClient();
        http.GetAsync(new Uri(Server.Url + "/warm-up")).GetAwaiter().GetResult().Dispose();
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public string PatientId { get; }

    public Uri BaseUrl => new(Server.Url + "/fhir");

    /// <summary>The path the service reads a resource type from: the Patient is read by id, the rest searched.</summary>
    public string PathOf(string resourceType) => resourceType == "Patient" ? "/fhir/Patient/" + PatientId : "/fhir/" + resourceType;

    /// <summary>Answers every query from the scenario, except <paramref name="broken"/>, which <paramref name="fault"/> answers.</summary>
    public void Serve(string? broken = null, Func<IResponseBuilder, IResponseBuilder>? fault = null) => Serve(broken, fault, TimeSpan.Zero);

    private void Serve(string? broken, Func<IResponseBuilder, IResponseBuilder>? fault, TimeSpan delay)
    {
        Server.Reset();
        foreach (var type in SearchedTypes.Append("Patient"))
        {
            var response = delay > TimeSpan.Zero ? Response.Create().WithDelay(delay) : Response.Create();
            response = type == broken && fault is not null
                ? fault(response)
                : response.WithHeader("Content-Type", FhirJson).WithBody(HealthyBody(type));
            Server.Given(Request.Create().WithPath(PathOf(type)).UsingGet()).RespondWith(response);
        }
    }

    /// <summary>Every query answered as <see cref="Serve"/> answers it, each after <paramref name="delay"/>.</summary>
    public void ServeSlow(TimeSpan delay) => Serve(null, null, delay);

    /// <summary>The whole server is down: every query answers 503.</summary>
    public void ServeDown()
    {
        Server.Reset();
        Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
    }

    public int RequestsTo(string resourceType) => Server.LogEntries.Count(e => e.RequestMessage?.Path == PathOf(resourceType));

    public string HealthyBody(string resourceType)
    {
        if (resourceType == "Patient")
        {
            return _resources.Single(r => (string)r["resourceType"]! == "Patient").ToJsonString();
        }

        var entries = _resources.Where(r => (string)r["resourceType"]! == resourceType)
            .Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone(), ["search"] = new JsonObject { ["mode"] = "match" } })
            .ToArray();
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = entries.Length };
        if (entries.Length > 0)
        {
            bundle["entry"] = new JsonArray(entries);
        }

        return bundle.ToJsonString();
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}
