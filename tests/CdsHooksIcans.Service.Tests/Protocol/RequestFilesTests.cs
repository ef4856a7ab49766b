using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

/// <summary>The request files in docs/requests are valid calls with the shapes they claim.</summary>
public sealed class RequestFilesTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new();
    private readonly HttpClient _client;

    public RequestFilesTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task PatientViewNoIec_IsValidWithEveryPrefetchKey()
    {
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", RequestFile("patient-view-no-iec.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prefetch = _factory.PatientView.LastRequest!.Prefetch;
        Assert.Equal(["patient", "infusions", "procedures", "observations", "conditions"], prefetch.Keys);
        Assert.Equal("Patient", prefetch["patient"].GetProperty("resourceType").GetString());
        Assert.Equal(JsonValueKind.Null, prefetch["observations"].ValueKind);
    }

    [Fact]
    public async Task OrderSignSandbox_IsValidWithSandboxQuirks()
    {
        var body = RequestFile("order-sign-sandbox.json");
        var draftOrders = body["context"]!["draftOrders"]!;
        Assert.Null(draftOrders["type"]);
        Assert.IsType<JsonObject>(draftOrders["entry"]![0]!["resource"]!["category"]);

        var response = await _client.PostJsonAsync("/cds-services/test-order-sign", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonNode RequestFile(string name) => JsonNode.Parse(File.ReadAllText(RepositoryRoot.File($"docs/requests/{name}")))!;
}
