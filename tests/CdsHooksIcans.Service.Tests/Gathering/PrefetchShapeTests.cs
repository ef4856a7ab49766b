using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;
using static CdsHooksIcans.Service.Tests.Gathering.FhirBodies;

namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>
/// A prefetch value of another shape than its template asks for is not data (data contract v2 §3): the key is read from
/// fhirServer, or is missing, and a Warning names the key and what it held. It is never "no data".
/// </summary>
public sealed class PrefetchShapeTests : IDisposable
{
    private static readonly PrefetchQuery InfusionQuery =
        new("infusions", "MedicationAdministration?patient={{context.patientId}}&code=http://cdshooks-icans.org/fhir/CodeSystem/iec-product|tisagenlecleucel", Required: true);

    private readonly GathererHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, string, string> WrongShapes() => new()
    {
        { "infusions", Patient(), "a Patient" },
        { "infusions", SearchPage(null, "obs-1"), "a Bundle holding Observation" },
        { "infusions", """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"MedicationAdministration","id":"ma-1","status":"completed"}}]}""", "a transaction Bundle" },
        { "infusions", OperationOutcome(), "an OperationOutcome" },
        { "infusions", """{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationOrder","id":"dstu2"}}]}""", "a Bundle holding MedicationOrder" },
        { "patient", SearchPage(null, "obs-1"), "a Bundle" },
        { "patient", """{"resourceType":"Observation","id":"obs-1","status":"final","code":{"text":"x"}}""", "an Observation" },
        { "patient", Patient("someone-else"), "a Patient with another id" },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task WrongShape_IsReadFromFhirServer_WithAWarningNamingKeyAndContent(string key, string value, string found)
    {
        ServeRightData();
        var request = _harness.NewRequest(new Dictionary<string, string> { [key] = value });

        var data = await _harness.GatherAsync(request, Query(key));

        Assert.Equal(1, data.FhirRequests);
        Assert.Equal(key == "patient" ? typeof(Patient) : typeof(MedicationAdministration), Assert.Single(data.Resources[key]).GetType());
        var warning = Assert.Single(_harness.Logs.Entries, e => e.EventId.Id == 2005);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Prefetch key {key} holds {found}, not {(key == "patient" ? "a Patient" : "a search Bundle of MedicationAdministration")}: treated as missing", warning.Message);
    }

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task WrongShape_WithoutFhirServer_RequiredKeyIsMissing_NeverNoData(string key, string value, string found)
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { [key] = value }, withFhirServer: false);

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => _harness.GatherAsync(request, Query(key)));

        var missing = Assert.Single(error.Missing);
        Assert.Equal(key, missing.Key);
        Assert.Contains(found == "an OperationOutcome" ? "reported an error" : found, missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongShape_OptionalKeyWithoutFhirServer_IsUnavailableWithTheReason()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = Patient() }, withFhirServer: false);

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.False(data.Resources.ContainsKey("ice"));
        Assert.Equal("the prefetched data is a Patient, not a search Bundle of Observation, and no fhirServer was given", Assert.Single(data.Unavailable).Reason);
    }

    [Fact]
    public async Task WrongShape_IsJudgedBeforeTheScreen_SoDroppedEntriesCannotReadAsNoData()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["infusions"] = SearchPage(null, "obs-1") }, withFhirServer: false);

        await Assert.ThrowsAsync<RequiredDataUnavailableException>(
            () => _harness.Gatherer.GatherAsync(request, [InfusionQuery], CancellationToken.None, keepEntry: _ => false));
    }

    [Theory]
    [InlineData("""{"resourceType":"Bundle","type":"searchset","total":0}""")]
    [InlineData("""{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationAdministration","id":"ma-1","status":"completed"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"MedicationAdministration","id":"ma-1","status":"completed"}},{"resource":{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational"}]},"search":{"mode":"outcome"}}]}""")]
    public async Task RightShape_IsUsedWithoutWarning(string value)
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["infusions"] = value }, withFhirServer: false);

        var data = await _harness.GatherAsync(request, InfusionQuery);

        Assert.True(data.Resources.ContainsKey("infusions"));
        Assert.DoesNotContain(_harness.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task FhirServerAnsweringASearchWithAnotherType_IsMissing()
    {
        _harness.Serve("MedicationAdministration", Patient());
        var request = _harness.NewRequest();

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => _harness.GatherAsync(request, InfusionQuery));

        Assert.Equal("the FHIR server answered with a Patient, not a search Bundle of MedicationAdministration", Assert.Single(error.Missing).Reason);
    }

    [Fact]
    public async Task FhirServerPageOfAnotherType_MakesTheKeyMissing()
    {
        _harness.Serve("Observation/page2", """{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Patient","id":"pat-1"}}]}""");
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = SearchPage(_harness.FhirBase + "/Observation/page2", "obs-1") });

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.Equal("a result page from the FHIR server is a Bundle holding Patient, not a search Bundle of Observation", Assert.Single(data.Unavailable).Reason);
    }

    private static PrefetchQuery Query(string key) => key == "patient" ? PatientQuery : InfusionQuery;

    private void ServeRightData()
    {
        _harness.Serve(PatientPath, Patient());
        _harness.Serve("MedicationAdministration",
            """{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"MedicationAdministration","id":"ma-1","status":"completed","subject":{"reference":"Patient/pat-1"}}}]}""");
    }
}
