using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static CdsHooksIcans.Service.Tests.Gathering.FhirBodies;

namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>What each state of a prefetch key (present, null, OperationOutcome, absent, unreadable) leads to.</summary>
public sealed class PrefetchResolutionTests : IDisposable
{
    private readonly GathererHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Prefetch_ResourcePresent_UsedWithoutFhirRequests()
    {
        _harness.Serve(PatientPath, Patient("from-server"));
        var request = _harness.NewRequest(new Dictionary<string, string> { ["patient"] = Patient() });

        var data = await _harness.GatherAsync(request, PatientQuery);

        var patient = Assert.IsType<Patient>(Assert.Single(data.Resources["patient"]));
        Assert.Equal(GathererHarness.PatientId, patient.Id);
        Assert.Equal(0, data.FhirRequests);
        Assert.Equal(0, _harness.RequestsReceived);
    }

    [Fact]
    public async Task Prefetch_NullKey_IsNoDataAndNotRequeried()
    {
        _harness.Serve("Observation", SearchPage(null, "obs-1"));
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = "null" });

        var data = await _harness.GatherAsync(request, IceQuery with { Required = true });

        Assert.Empty(data.Resources["ice"]);
        Assert.Empty(data.Unavailable);
        Assert.Equal(0, _harness.RequestsReceived);
    }

    [Fact]
    public async Task Prefetch_AbsentKey_FetchedWithTheGivenBearerToken()
    {
        _harness.Serve(PatientPath, Patient());

        var data = await _harness.GatherAsync(_harness.NewRequest(accessToken: "ehr-token-123"), PatientQuery);

        Assert.IsType<Patient>(Assert.Single(data.Resources["patient"]));
        Assert.Equal(1, data.FhirRequests);
        var sent = Assert.Single(_harness.Fhir.LogEntries).RequestMessage!;
        Assert.Equal("/fhir/" + PatientPath, sent.Path);
        Assert.Equal("Bearer ehr-token-123", Assert.Single(sent.Headers!["Authorization"]));
    }

    [Fact]
    public async Task Prefetch_AbsentKeyWithoutFhirAuthorization_SendsNoAuthorizationHeader()
    {
        _harness.Serve(PatientPath, Patient());

        var data = await _harness.GatherAsync(_harness.NewRequest(accessToken: null), PatientQuery);

        Assert.Single(data.Resources["patient"]);
        var sent = Assert.Single(_harness.Fhir.LogEntries).RequestMessage!;
        Assert.False(sent.Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Prefetch_OperationOutcome_IsRequeriedFromFhirServer()
    {
        _harness.Serve(PatientPath, Patient("from-server"));
        var request = _harness.NewRequest(new Dictionary<string, string> { ["patient"] = OperationOutcome() });

        var data = await _harness.GatherAsync(request, PatientQuery);

        Assert.Equal("from-server", Assert.Single(data.Resources["patient"]).Id);
        Assert.Equal(1, data.FhirRequests);
    }

    [Fact]
    public async Task Prefetch_OperationOutcomeWithoutFhirServer_OptionalKeyIsUnavailable()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = OperationOutcome() }, withFhirServer: false);

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.False(data.Resources.ContainsKey("ice"));
        var missing = Assert.Single(data.Unavailable);
        Assert.Equal("ice", missing.Key);
        Assert.Contains("reported an error", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefetch_OperationOutcomeWithoutFhirServer_RequiredKeyThrows()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["patient"] = OperationOutcome() }, withFhirServer: false);

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => _harness.GatherAsync(request, PatientQuery));

        Assert.Equal("patient", Assert.Single(error.Missing).Key);
    }

    [Fact]
    public async Task Prefetch_NotFhir_IsRequeriedNotAServerError()
    {
        _harness.Serve(PatientPath, Patient("from-server"));
        var request = _harness.NewRequest(new Dictionary<string, string> { ["patient"] = """{"hello":"world"}""" });

        var data = await _harness.GatherAsync(request, PatientQuery);

        Assert.Equal("from-server", Assert.Single(data.Resources["patient"]).Id);
    }

    [Fact]
    public async Task Prefetch_NotFhirWithoutFhirServer_IsUnavailable()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = "[1,2,3]" }, withFhirServer: false);

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.Contains("not readable FHIR", Assert.Single(data.Unavailable).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefetch_AbsentWithoutFhirServer_RequiredKeyThrowsWithReason()
    {
        var request = _harness.NewRequest(withFhirServer: false);

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(
            () => _harness.GatherAsync(request, PatientQuery, IceQuery with { Key = "labs", Required = true }));

        Assert.Equal(["patient", "labs"], error.Missing.Select(m => m.Key));
        Assert.All(error.Missing, m => Assert.Equal("no fhirServer and not prefetched", m.Reason));
    }

    [Fact]
    public async Task Prefetch_SandboxShapes_ParseLeniently()
    {
        // As the public sandbox sends them: a Bundle without type, MedicationRequest.category as an object.
        const string sandboxBundle = """
            {"resourceType":"Bundle","entry":[{"resource":{
              "resourceType":"MedicationRequest","id":"request-123","status":"draft","intent":"order",
              "category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/medicationrequest-category","code":"inpatient"}]},
              "subject":{"reference":"Patient/pat-1"},
              "medicationCodeableConcept":{"text":"dexamethasone 10 mg IV"}}}]}
            """;
        var request = _harness.NewRequest(new Dictionary<string, string> { ["medications"] = sandboxBundle });

        var data = await _harness.GatherAsync(request, new PrefetchQuery("medications", "MedicationRequest?patient={{context.patientId}}", Required: true));

        var order = Assert.IsType<MedicationRequest>(Assert.Single(data.Resources["medications"]));
        Assert.Equal("inpatient", Assert.Single(order.Category).Coding[0].Code);
        Assert.Equal(0, _harness.RequestsReceived);
    }

    [Fact]
    public async Task Prefetch_SearchBundle_OutcomeEntryIgnored()
    {
        const string withOutcome = """
            {"resourceType":"Bundle","type":"searchset","entry":[
              {"resource":{"resourceType":"Observation","id":"obs-1","status":"final","code":{"text":"ICE"}},"search":{"mode":"match"}},
              {"resource":{"resourceType":"OperationOutcome","issue":[{"severity":"warning","code":"informational"}]},"search":{"mode":"outcome"}}]}
            """;
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = withOutcome });

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.Equal("obs-1", Assert.Single(data.Resources["ice"]).Id);
    }

    [Fact]
    public async Task Prefetch_FirstPageWithoutFhirServer_UsedAndMarkedTruncated()
    {
        var request = _harness.NewRequest(
            new Dictionary<string, string> { ["ice"] = SearchPage("https://ehr.example/fhir/Observation?page=2", "obs-1") },
            withFhirServer: false);

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.Equal("obs-1", Assert.Single(data.Resources["ice"]).Id);
        Assert.Equal("ice", Assert.Single(data.Truncated).Key);
        Assert.Empty(data.Unavailable);
    }

    [Fact]
    public async Task Prefetch_FirstPageWithFhirServer_FollowsNextPage()
    {
        _harness.Serve("Observation/page2", SearchPage(null, "obs-2"));
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = SearchPage(_harness.FhirBase + "/Observation/page2", "obs-1") });

        var data = await _harness.GatherAsync(request, IceQuery);

        Assert.Equal(["obs-1", "obs-2"], data.Resources["ice"].Select(r => r.Id));
        Assert.Equal(1, data.FhirRequests);
        Assert.Empty(data.Truncated);
    }

    [Fact]
    public async Task Prefetch_EntryFilter_ParsesOnlyKeptEntries_AndKeepsTheRestOfTheBundle()
    {
        // The dropped entry is not even readable FHIR: unread, it can no longer make the whole key unavailable.
        const string bundle = """
            {"resourceType":"Bundle","type":"searchset","link":[{"relation":"self","url":"https://ehr.example/fhir/Observation"}],"entry":[
              {"fullUrl":"https://ehr.example/fhir/Observation/keep","resource":{"resourceType":"Observation","id":"keep","status":"final","code":{"text":"ICE"}}},
              {"resource":{"resourceType":"Observation","id":"drop","status":"final","subject":{"reference":42}}},
              {"fullUrl":"https://ehr.example/fhir/Observation/no-resource"}]}
            """;
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = bundle }, withFhirServer: false);

        var data = await _harness.Gatherer.GatherAsync(
            request, [IceQuery], CancellationToken.None, keepEntry: resource => resource.GetProperty("id").GetString() == "keep");

        Assert.Equal("keep", Assert.Single(data.Resources["ice"]).Id);
        Assert.Empty(data.Unavailable);
        Assert.Empty(data.Truncated);
    }

    [Fact]
    public async Task Prefetch_EntryFilter_DroppingEveryEntry_IsNoData()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["ice"] = SearchPage(null, "obs-1") }, withFhirServer: false);

        var data = await _harness.Gatherer.GatherAsync(request, [IceQuery], CancellationToken.None, keepEntry: _ => false);

        Assert.Empty(data.Resources["ice"]);
        Assert.Empty(data.Unavailable);
    }

    [Fact]
    public async Task Prefetch_EntryFilter_DoesNotApplyToASingleResource()
    {
        var request = _harness.NewRequest(new Dictionary<string, string> { ["patient"] = Patient() });

        var data = await _harness.Gatherer.GatherAsync(request, [PatientQuery], CancellationToken.None, keepEntry: _ => false);

        Assert.IsType<Patient>(Assert.Single(data.Resources["patient"]));
    }
}
