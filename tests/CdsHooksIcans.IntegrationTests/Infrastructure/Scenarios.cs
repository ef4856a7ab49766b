using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>The scenario Bundles of fhir-profiles/scenarios and what the scenario tests expect of each.</summary>
public static class Scenarios
{
    /// <summary>The time every scenario is written around.</summary>
    public static readonly DateTimeOffset ReferenceTime = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly string Folder = RepositoryRoot.File(Path.Combine("fhir-profiles", "scenarios"));

    private static readonly JsonObject Expectations = JsonNode.Parse(File.ReadAllText(
        RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "Scenarios", "expectations.json"))))!.AsObject();

    public static TheoryData<string> Files() =>
        [.. Directory.EnumerateFiles(Folder, "Bundle-scenario-*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!.AsObject();

    public static IEnumerable<JsonObject> Resources(JsonObject bundle) => bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject());

    public static string PatientId(string file) => (string)Resources(Load(file)).Single(r => (string)r["resourceType"]! == "Patient")["id"]!;

    public static JsonObject Expectation(string file) => Expectations[file]!.AsObject();
}
