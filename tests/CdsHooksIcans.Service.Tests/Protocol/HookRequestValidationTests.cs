using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class HookRequestValidationTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new();
    private readonly HttpClient _client;

    public HookRequestValidationTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Call_ValidPatientView_ReachesHandlerWithParsedRequest()
    {
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = _factory.PatientView.LastRequest!;
        Assert.Equal("test-patient-view", request.ServiceId);
        Assert.Equal("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", request.HookInstance);
        Assert.Equal("p1", request.PatientId);
        Assert.Equal("Practitioner/u1", request.UserId);
        Assert.Equal(new Uri("https://fhir.example.org/r4"), request.FhirServer);
        Assert.Equal("Patient", request.Prefetch["patient"].GetProperty("resourceType").GetString());
        Assert.Equal(JsonValueKind.Null, request.Prefetch["conditions"].ValueKind);
    }

    [Fact]
    public async Task Call_NoGuidance_AnswersEmptyCardsArray()
    {
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"cards":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Call_UnknownFields_AreIgnored()
    {
        var body = CdsHttp.PatientViewRequest();
        body["somethingNew"] = new JsonObject { ["nested"] = 1 };
        body["context"]!["encounterId"] = "e1";
        body["context"]!["extraContext"] = "x";

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("e1", _factory.PatientView.LastRequest!.EncounterId);
    }

    [Fact]
    public async Task Call_FhirJsonWithCharset_IsAccepted()
    {
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest(), "application/fhir+json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("hook")]
    [InlineData("hookInstance")]
    [InlineData("context")]
    public async Task Call_MissingTopLevelField_Is400NamingIt(string field)
    {
        var body = CdsHttp.PatientViewRequest();
        body.Remove(field);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("required", field);
    }

    [Theory]
    [InlineData("patientId")]
    [InlineData("userId")]
    public async Task Call_MissingContextField_Is400NamingIt(string field)
    {
        var body = CdsHttp.PatientViewRequest();
        body["context"]!.AsObject().Remove(field);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("required", $"context.{field}");
    }

    [Fact]
    public async Task Call_EmptyPatientId_Is400()
    {
        var body = CdsHttp.PatientViewRequest();
        body["context"]!["patientId"] = "";

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("required", "context.patientId");
    }

    [Fact]
    public async Task Call_PatientIdNotAString_Is400Structure()
    {
        var body = CdsHttp.PatientViewRequest();
        body["context"]!["patientId"] = 42;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("structure", "context.patientId");
    }

    [Fact]
    public async Task Call_ContextNotAnObject_Is400Structure()
    {
        var body = CdsHttp.PatientViewRequest();
        body["context"] = "p1";

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("structure", "context");
    }

    [Fact]
    public async Task Call_BodyNotAnObject_Is400Structure()
    {
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", new JsonArray(1, 2));

        await response.AssertRejectedAsync("structure", null);
    }

    [Fact]
    public async Task Call_HookOfAnotherService_Is400NotSupported()
    {
        var body = CdsHttp.PatientViewRequest();
        body["hook"] = "order-sign";

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("not-supported", "hook");
        Assert.Null(_factory.PatientView.LastRequest);
    }

    [Fact]
    public async Task Call_OverlongHookInstance_Is400()
    {
        var body = CdsHttp.PatientViewRequest();
        body["hookInstance"] = new string('a', 129);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("invalid", "hookInstance");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/fhir")]
    [InlineData("ftp://fhir.example.org/r4")]
    public async Task Call_FhirServerNotAnHttpUrl_Is400(string fhirServer)
    {
        var body = CdsHttp.PatientViewRequest();
        body["fhirServer"] = fhirServer;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("invalid", "fhirServer");
    }

    [Fact]
    public async Task Call_FhirAuthorizationWithoutFhirServer_Is400NamingFhirServer()
    {
        var body = CdsHttp.PatientViewRequest();
        body.Remove("fhirServer");
        body["fhirAuthorization"] = CdsHttp.FhirAuthorization();

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("required", "fhirServer");
    }

    [Fact]
    public async Task Call_ValidFhirAuthorization_ReachesHandler()
    {
        var body = CdsHttp.PatientViewRequest();
        var authorization = CdsHttp.FhirAuthorization();
        authorization["token_type"] = "bearer";
        authorization["patient"] = "p1";
        body["fhirAuthorization"] = authorization;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var given = _factory.PatientView.LastRequest!.FhirAuthorization!;
        Assert.Equal("secret-access-token-4711", given.AccessToken);
        Assert.Equal(300, given.ExpiresIn);
        Assert.Equal("p1", given.Patient);
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("token_type")]
    [InlineData("expires_in")]
    [InlineData("scope")]
    [InlineData("subject")]
    public async Task Call_FhirAuthorizationMissingField_Is400NamingIt(string field)
    {
        var body = CdsHttp.PatientViewRequest();
        var authorization = CdsHttp.FhirAuthorization();
        authorization.Remove(field);
        body["fhirAuthorization"] = authorization;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("required", $"fhirAuthorization.{field}");
    }

    [Fact]
    public async Task Call_FhirAuthorizationNotBearer_Is400()
    {
        var body = CdsHttp.PatientViewRequest();
        var authorization = CdsHttp.FhirAuthorization();
        authorization["token_type"] = "MAC";
        body["fhirAuthorization"] = authorization;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("not-supported", "fhirAuthorization.token_type");
    }

    [Theory]
    [InlineData("\"300\"")]
    [InlineData("2.5")]
    [InlineData("-1")]
    public async Task Call_ExpiresInNotAnInteger_Is400(string expiresIn)
    {
        var body = CdsHttp.PatientViewRequest();
        var authorization = CdsHttp.FhirAuthorization();
        authorization["expires_in"] = JsonNode.Parse(expiresIn);
        body["fhirAuthorization"] = authorization;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("structure", "fhirAuthorization.expires_in");
    }

    [Fact]
    public async Task Call_RefusedToken_IsNeverEchoedInTheOutcome()
    {
        var body = CdsHttp.PatientViewRequest();
        body.Remove("fhirServer");
        var authorization = CdsHttp.FhirAuthorization();
        authorization["token_type"] = "MAC";
        body["fhirAuthorization"] = authorization;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("secret-access-token-4711", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_PrefetchNotAnObject_Is400Structure()
    {
        var body = CdsHttp.PatientViewRequest();
        body["prefetch"] = new JsonArray();

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("structure", "prefetch");
    }

    [Fact]
    public async Task Call_SeveralInvalidFields_AreAllNamed()
    {
        var body = CdsHttp.PatientViewRequest();
        body.Remove("hookInstance");
        body["context"]!.AsObject().Remove("userId");

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        var issues = await response.ReadOutcomeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["hookInstance", "context.userId"], issues.Select(i => i.Expression));
    }

    [Fact]
    public async Task Call_OrderSignWithDraftOrders_ReachesHandler()
    {
        var response = await _client.PostJsonAsync("/cds-services/test-order-sign", CdsHttp.OrderSignRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var context = _factory.OrderSign.LastRequest!.Context;
        Assert.Equal("request-123", context.GetProperty("draftOrders").GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Call_OrderSignWithoutDraftOrders_Is400()
    {
        var body = CdsHttp.OrderSignRequest();
        body["context"]!.AsObject().Remove("draftOrders");

        var response = await _client.PostJsonAsync("/cds-services/test-order-sign", body);

        await response.AssertRejectedAsync("required", "context.draftOrders");
    }

    [Theory]
    [InlineData("""{"resourceType":"MedicationRequest","id":"x"}""", "invalid")]
    [InlineData("""{"entry":[]}""", "invalid")]
    [InlineData("""[{"resourceType":"Bundle"}]""", "structure")]
    public async Task Call_OrderSignDraftOrdersNotABundle_Is400(string draftOrders, string code)
    {
        var body = CdsHttp.OrderSignRequest();
        body["context"]!["draftOrders"] = JsonNode.Parse(draftOrders);

        var response = await _client.PostJsonAsync("/cds-services/test-order-sign", body);

        await response.AssertRejectedAsync(code, "context.draftOrders");
    }
}
