using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>Request bodies and response readers for protocol tests.</summary>
public static class CdsHttp
{
    public static JsonObject PatientViewRequest() => new()
    {
        ["hook"] = "patient-view",
        ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        ["fhirServer"] = "https://fhir.example.org/r4",
        ["context"] = new JsonObject { ["patientId"] = "p1", ["userId"] = "Practitioner/u1" },
        ["prefetch"] = new JsonObject
        {
            ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "p1" },
            ["conditions"] = null,
        },
    };

    public static JsonObject OrderSignRequest() => new()
    {
        ["hook"] = "order-sign",
        ["hookInstance"] = "a7d0c3be-4a1f-4a5e-9c66-6f2f3c1e8d21",
        ["context"] = new JsonObject
        {
            ["patientId"] = "p1",
            ["userId"] = "Practitioner/u1",
            ["draftOrders"] = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["entry"] = new JsonArray(new JsonObject
                {
                    ["resource"] = new JsonObject { ["resourceType"] = "MedicationRequest", ["id"] = "request-123", ["status"] = "draft" },
                }),
            },
        },
    };

    public static JsonObject FhirAuthorization() => new()
    {
        ["access_token"] = "secret-access-token-4711",
        ["token_type"] = "Bearer",
        ["expires_in"] = 300,
        ["scope"] = "user/Patient.read user/Observation.read",
        ["subject"] = "cds-service",
    };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body, string contentType = "application/json")
        => client.PostRawAsync(path, Encoding.UTF8.GetBytes(body.ToJsonString()), contentType);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return client.PostAsync(path, content);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status and an OperationOutcome body; returns its issues.</summary>
    public static async Task<IReadOnlyList<OutcomeIssue>> ReadOutcomeAsync(this HttpResponseMessage response, HttpStatusCode expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expectedStatus, $"Expected {(int)expectedStatus}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal("OperationOutcome", root.GetProperty("resourceType").GetString());
        return [.. root.GetProperty("issue").EnumerateArray().Select(issue =>
        {
            Assert.Equal("error", issue.GetProperty("severity").GetString());
            return new OutcomeIssue(
                issue.GetProperty("code").GetString()!,
                issue.TryGetProperty("expression", out var expression) ? expression[0].GetString() : null,
                issue.GetProperty("diagnostics").GetString()!);
        })];
    }

    /// <summary>Asserts a 400 with exactly one issue naming <paramref name="expression"/> with <paramref name="code"/>.</summary>
    public static async Task AssertRejectedAsync(this HttpResponseMessage response, string code, string? expression)
    {
        var issues = await response.ReadOutcomeAsync(HttpStatusCode.BadRequest);
        var issue = Assert.Single(issues);
        Assert.Equal(code, issue.Code);
        Assert.Equal(expression, issue.Expression);
    }
}

public sealed record OutcomeIssue(string Code, string? Expression, string Diagnostics);
