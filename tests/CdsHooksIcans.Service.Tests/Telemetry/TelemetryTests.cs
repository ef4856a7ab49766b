using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Telemetry;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CdsHooksIcans.Service.Tests.Telemetry;

/// <summary>
/// What the service sends an OpenTelemetry collector, read with the in-memory exporters: spans for hook calls and FHIR
/// reads, the instruments README lists, and never a patient id, a resource id from a URL, a query string or a token.
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class TelemetryTests : IDisposable
{
    private const string AccessToken = "ehr-access-token-5d41402a";
    private readonly WireMockServer _fhir = WireMockServer.Start();
    private readonly CdsServiceFactory _factory = new CdsServiceFactory().WithFakeTime();
    private readonly TelemetryCapture _telemetry;

    public TelemetryTests()
    {
        _factory.Time.SetUtcNow(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        _telemetry = new TelemetryCapture(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _fhir.Stop();
        _fhir.Dispose();
    }

    [Fact]
    public async Task HookCall_ReadingFhir_IsTracedAndMeasured_WithoutPatientIdsOrTokens()
    {
        using var client = _factory.CreateClient();
        var (patientId, resources) = ScenarioTests.LoadScenario("Bundle-scenario-grade-3.json");
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources);
        // The EHR left the infusions out: the service searches them on the FHIR server, with the patient's id in the query.
        var infusions = body["prefetch"]!.AsObject()["infusions"]!.DeepClone();
        body["prefetch"]!.AsObject().Remove("infusions");
        body["fhirServer"] = _fhir.Url + "/fhir";
        body["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = AccessToken, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "cds",
        };
        _fhir.Given(Request.Create().WithPath("/fhir/MedicationAdministration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/fhir+json").WithBody(infusions.ToJsonString()));

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(patientId, Assert.Single(_fhir.LogEntries).RequestMessage!.Url, StringComparison.Ordinal);
        await _telemetry.WaitUntilAsync(t => t.EndedSpans().Any(s => s.Kind == ActivityKind.Server));
        var spans = _telemetry.EndedSpans();
        var hook = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal("CDS patient-view icans-patient-view", hook.DisplayName);
        Assert.Equal(ServiceDefinitions.PatientViewId, hook.GetTagItem("cds.service"));
        Assert.Equal("patient-view", hook.GetTagItem("cds.hook"));
        Assert.Equal(200, hook.GetTagItem("http.response.status_code"));
        Assert.Equal(1, hook.GetTagItem("cds.fhir.requests"));
        var fhir = Assert.Single(spans, s => s.Kind == ActivityKind.Client);
        Assert.Equal("FHIR search MedicationAdministration", fhir.DisplayName);
        Assert.Equal(hook.SpanId, fhir.ParentSpanId);
        Assert.Equal(200, fhir.GetTagItem("http.response.status_code"));
        Assert.Equal("MedicationAdministration", fhir.GetTagItem("fhir.resource_type"));

        Assert.Equal(1, _telemetry.Total("cds.hook.calls", ("cds.service", ServiceDefinitions.PatientViewId), ("cds.hook", "patient-view"), ("http.response.status_code", 200)));
        Assert.Equal(1, _telemetry.Total("cds.hook.duration", ("cds.service", ServiceDefinitions.PatientViewId), ("http.response.status_code", 200)));
        Assert.Equal(1, _telemetry.Total("cds.hook.fhir_fallback.calls", ("cds.service", ServiceDefinitions.PatientViewId)));
        Assert.Equal(1, _telemetry.Total("cds.fhir.request.duration", ("fhir.resource_type", "MedicationAdministration"), ("http.response.status_code", 200)));
        Assert.Equal(1, _telemetry.Total("cds.icans.assessments", ("cds.service", ServiceDefinitions.PatientViewId), ("icans.grade", 3), ("icans.grading.status", "graded")));
        // The warm-up's synthetic patients (HookWarmUp) are graded too, but are no client's call.
        Assert.Equal(1, _telemetry.Total("cds.icans.assessments"));

        var exported = _telemetry.AllExportedText();
        Assert.DoesNotContain(patientId, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(_fhir.Url!, exported, StringComparison.Ordinal);
        Assert.DoesNotContain("?", exported, StringComparison.Ordinal);
        Assert.DoesNotContain((string)body["hookInstance"]!, exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HookCall_ContinuesTheEhrsTrace()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/test-patient-view") { Content = JsonContent.Create(CdsHttp.PatientViewRequest()) };
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _telemetry.WaitUntilAsync(t => t.EndedSpans().Any(s => s.Kind == ActivityKind.Server));
        var hook = Assert.Single(_telemetry.EndedSpans(), s => s.Kind == ActivityKind.Server);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", hook.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", hook.ParentSpanId.ToHexString());
    }

    [Fact]
    public async Task RequiredDataUnavailable_Counts412WithItsReason()
    {
        _factory.PatientView.Behaviour = (_, _) => throw new RequiredDataUnavailableException([new UnavailableData("patient", "not prefetched")]);
        using var client = _factory.CreateClient();

        using var response = await client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await _telemetry.WaitUntilAsync(t => t.Total("cds.hook.precondition_failed") > 0);
        Assert.Equal(1, _telemetry.Total("cds.hook.precondition_failed", ("cds.service", "test-patient-view"), ("cds.reason", "required_data_unavailable")));
        Assert.Equal(1, _telemetry.Total("cds.hook.calls", ("cds.service", "test-patient-view"), ("http.response.status_code", 412)));
    }

    [Fact]
    public async Task Feedback_OnAnUnknownCard_AndAnInvalidBody_AreCountedByOutcome()
    {
        using var client = _factory.CreateClient();
        var unknownCard = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("docs/requests/feedback-accepted.json")))!;

        using var notFound = await client.PostJsonAsync("/cds-services/test-patient-view/feedback", unknownCard);
        using var invalid = await client.PostJsonAsync("/cds-services/test-patient-view/feedback", new JsonObject { ["feedback"] = new JsonArray() });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (notFound.StatusCode, invalid.StatusCode));
        await _telemetry.WaitUntilAsync(t => t.Total("cds.feedback.items") >= 2);
        Assert.Equal(1, _telemetry.Total("cds.feedback.items", ("cds.service", "test-patient-view"), ("cds.feedback.outcome", "unknown_card")));
        Assert.Equal(1, _telemetry.Total("cds.feedback.items", ("cds.service", "test-patient-view"), ("cds.feedback.outcome", "invalid")));
    }

    [Fact]
    public void FeedbackReceived_CountsItemsByServiceAndOutcome_UnknownWordsAsSuch()
    {
        using var client = _factory.CreateClient();
        var telemetry = _factory.Services.GetRequiredService<CdsTelemetry>();

        telemetry.FeedbackReceived("test-patient-view", "stored", 3);
        telemetry.FeedbackReceived("test-patient-view", "unknown_card", 2);
        telemetry.FeedbackReceived("not-a-service", "stored", 1);
        telemetry.FeedbackReceived("test-order-sign", "Patient/p1", 1);

        Assert.Equal(3, _telemetry.Total("cds.feedback.items", ("cds.service", "test-patient-view"), ("cds.feedback.outcome", "stored")));
        Assert.Equal(2, _telemetry.Total("cds.feedback.items", ("cds.service", "test-patient-view"), ("cds.feedback.outcome", "unknown_card")));
        Assert.Equal(1, _telemetry.Total("cds.feedback.items", ("cds.service", "unknown"), ("cds.feedback.outcome", "stored")));
        Assert.Equal(1, _telemetry.Total("cds.feedback.items", ("cds.service", "test-order-sign"), ("cds.feedback.outcome", "other")));
        Assert.DoesNotContain("not-a-service", _telemetry.AllExportedText(), StringComparison.Ordinal);
    }
}
