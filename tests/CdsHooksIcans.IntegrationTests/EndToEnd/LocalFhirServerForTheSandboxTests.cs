using System.Net;
using System.Text.Json.Nodes;
using CdsHooksIcans.IntegrationTests.Infrastructure;

namespace CdsHooksIcans.IntegrationTests.EndToEnd;

/// <summary>
/// What the public CDS Hooks sandbox needs of tests/fhir-server, which it reads from the browser
/// (docs: cds-hooks-reference.md §3.2-3.3): CORS with its preflight, a CapabilityStatement at /metadata (it reads
/// fhirVersion before using the server), and searches as POST [type]/_search with a form body, which it tries first.
/// </summary>
[Collection(UsesLocalFhirServer.Name)]
public sealed class LocalFhirServerForTheSandboxTests(LocalFhirServer fhir)
{
    private const string Sandbox = "https://sandbox.cds-hooks.org";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Preflight_FromTheSandbox_AllowsAuthorizationAndContentType()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Url("Observation/_search"));
        preflight.Headers.Add("Origin", Sandbox);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        preflight.Headers.Add("Access-Control-Request-Private-Network", "true");

        using var response = await Http.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, $"preflight answered {(int)response.StatusCode}");
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Single(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var headers = Single(response, "Access-Control-Allow-Headers").Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("Authorization", headers, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Content-Type", headers, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("true", Single(response, "Access-Control-Allow-Private-Network"));
    }

    [Fact]
    public async Task Read_FromTheSandbox_CarriesCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("Patient/grade-1-patient"));
        request.Headers.Add("Origin", Sandbox);
        request.Headers.Add("Accept", "application/json+fhir");

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Metadata_IsAnR4CapabilityStatementOfAServer()
    {
        var metadata = JsonNode.Parse(await Http.GetStringAsync(Url("metadata")))!;

        Assert.Equal("CapabilityStatement", (string)metadata["resourceType"]!);
        Assert.Equal("4.0.1", (string)metadata["fhirVersion"]!);
        Assert.Equal("active", (string)metadata["status"]!);
        Assert.Contains("json", metadata["format"]!.AsArray().Select(f => (string)f!));
        var rest = Assert.Single(metadata["rest"]!.AsArray())!;
        Assert.Equal("server", (string)rest["mode"]!);
        // The types and search parameters the service's prefetch templates use are declared.
        var resources = rest["resource"]!.AsArray().ToDictionary(r => (string)r!["type"]!, r => r!);
        foreach (var (type, parameters) in new[]
                 {
                     ("Observation", new[] { "patient", "code", "date", "category" }),
                     ("MedicationAdministration", new[] { "patient", "code" }),
                     ("Condition", new[] { "patient", "code" }),
                     ("MedicationRequest", new[] { "patient", "status" }),
                     ("Procedure", new[] { "patient", "code" }),
                 })
        {
            var declared = resources[type]["searchParam"]!.AsArray().Select(p => (string)p!["name"]!).ToHashSet(StringComparer.Ordinal);
            Assert.All(parameters, name => Assert.Contains(name, declared));
            Assert.Contains("search-type", resources[type]["interaction"]!.AsArray().Select(i => (string)i!["code"]!));
        }

        Assert.Contains("read", resources["Patient"]["interaction"]!.AsArray().Select(i => (string)i!["code"]!));
    }

    [Fact]
    public async Task PostSearch_WithAFormBody_AnswersAsTheGetSearch()
    {
        const string Query = "patient=grade-1-patient&_count=200";
        var byGet = Ids(JsonNode.Parse(await Http.GetStringAsync(Url("Observation?" + Query)))!);

        using var form = new StringContent(Query, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync(Url("Observation/_search"), form);
        var byPost = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("searchset", (string)byPost["type"]!);
        Assert.NotEmpty(byGet);
        Assert.Equal(byGet, Ids(byPost));
    }

    private Uri Url(string relative) => new(fhir.BaseUrl + "/" + relative);

    private static string Single(HttpResponseMessage response, string header)
        => response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"no {header} header");

    private static List<string> Ids(JsonNode bundle)
        => [.. (bundle["entry"]?.AsArray() ?? []).Select(e => (string)e!["resource"]!["id"]!).Order(StringComparer.Ordinal)];
}
