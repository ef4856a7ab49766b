using System.Net;
using System.Text;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class RequestBodyTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new CdsServiceFactory().WithSetting("CdsHooks:Protocol:MaxRequestBytes", "4096");
    private readonly HttpClient _client;

    public RequestBodyTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task Call_NotJsonContentType_Is415(string? contentType)
    {
        var body = Encoding.UTF8.GetBytes(CdsHttp.PatientViewRequest().ToJsonString());

        var response = await _client.PostRawAsync("/cds-services/test-patient-view", body, contentType);

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.UnsupportedMediaType));
        Assert.Equal("not-supported", issue.Code);
    }

    [Fact]
    public async Task Call_BodyOverLimit_Is413()
    {
        var body = CdsHttp.PatientViewRequest();
        body["padding"] = new string('x', 5000);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("too-costly", issue.Code);
        Assert.Null(_factory.PatientView.LastRequest);
    }

    [Fact]
    public async Task Call_ChunkedBodyOverLimitWithoutContentLength_Is413()
    {
        var body = CdsHttp.PatientViewRequest();
        body["padding"] = new string('x', 5000);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cds-services/test-patient-view") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await response.ReadOutcomeAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Call_BodyJustUnderLimit_IsAccepted()
    {
        var body = CdsHttp.PatientViewRequest();
        body["padding"] = new string('x', 3500);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"hook\": \"patient-view\",}")]
    [InlineData("not json")]
    public async Task Call_MalformedJson_Is400Structure(string body)
    {
        var response = await _client.PostRawAsync("/cds-services/test-patient-view", Encoding.UTF8.GetBytes(body));

        await response.AssertRejectedAsync("structure", null);
    }

    [Fact]
    public async Task Call_DuplicateProperty_Is400Structure()
    {
        const string Body = """{"hook":"patient-view","hook":"order-sign","hookInstance":"h","context":{"patientId":"p","userId":"u"}}""";

        var response = await _client.PostRawAsync("/cds-services/test-patient-view", Encoding.UTF8.GetBytes(Body));

        await response.AssertRejectedAsync("structure", null);
    }

    [Theory]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p","patientId":"q","userId":"u"}}""")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p","userId":"u"},"prefetch":{"patient":null,"patient":{"resourceType":"Patient"}}}""")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","fhirServer":"https://ehr.example/fhir","fhirAuthorization":{"access_token":"a","access_token":"b","token_type":"Bearer","expires_in":300,"scope":"s","subject":"c"},"context":{"patientId":"p","userId":"u"}}""")]
    public async Task Call_RepeatedNameInTheEnvelope_Is400Structure(string body)
    {
        var response = await _client.PostRawAsync("/cds-services/test-patient-view", Encoding.UTF8.GetBytes(body));

        await response.AssertRejectedAsync("structure", null);
    }

    [Fact]
    public async Task Call_RepeatedNameInsideAPrefetchedResource_IsLeftToTheFhirReader()
    {
        const string Body = """{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p","userId":"u"},"prefetch":{"patient":{"resourceType":"Patient","id":"p","birthDate":"1970-01-01","birthDate":"1980-01-01"}}}""";

        var response = await _client.PostRawAsync("/cds-services/test-patient-view", Encoding.UTF8.GetBytes(Body));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Call_InvalidUtf8_Is400Invalid()
    {
        byte[] body = [.. "{\"hook\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var response = await _client.PostRawAsync("/cds-services/test-patient-view", body);

        await response.AssertRejectedAsync("invalid", null);
    }

    [Fact]
    public async Task Call_JsonDeeperThan64_Is400TooCostly()
    {
        var body = CdsHttp.PatientViewRequest().ToJsonString();
        var deep = body[..^1] + ",\"deep\":" + new string('[', 100) + new string(']', 100) + "}";

        var response = await _client.PostRawAsync("/cds-services/test-patient-view", Encoding.UTF8.GetBytes(deep));

        await response.AssertRejectedAsync("too-costly", null);
    }

    [Fact]
    public async Task Call_Json64Deep_IsAccepted()
    {
        // The root object is level 1, so 63 nested arrays make 64 levels.
        var body = CdsHttp.PatientViewRequest().ToJsonString();
        var deep = body[..^1] + ",\"deep\":" + new string('[', 63) + new string(']', 63) + "}";

        var response = await _client.PostRawAsync("/cds-services/test-patient-view", Encoding.UTF8.GetBytes(deep));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
