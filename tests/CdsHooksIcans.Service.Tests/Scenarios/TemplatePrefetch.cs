using System.Text.Json.Nodes;

namespace CdsHooksIcans.Service.Tests.Scenarios;

/// <summary>
/// Runs discovery prefetch templates over a set of FHIR resources the way an EHR would: instance reads, and searches
/// by patient and code (token lists of system|code); other parameters (_sort, _count) do not filter.
/// </summary>
internal static class TemplatePrefetch
{
    /// <summary>
    /// A patient-view request for a scenario patient, its prefetch built from the service's own discovery templates
    /// (read from <c>GET /cds-services</c>), as an EHR would send it.
    /// </summary>
    public static async Task<JsonObject> PatientViewRequestAsync(HttpClient client, string patientId, IReadOnlyList<JsonObject> resources, string userId = "Practitioner/scenario-clinician")
    {
        var discovery = JsonNode.Parse(await client.GetStringAsync("/cds-services"))!;
        var service = discovery["services"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string)s["id"]! == "icans-patient-view");
        return new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["patientId"] = patientId, ["userId"] = userId },
            ["prefetch"] = Build(service, patientId, userId, resources),
        };
    }

    /// <summary>
    /// An order-sign request for a patient, its prefetch built from the service's own order-sign templates and the drafts in
    /// context.draftOrders as the sandbox sends them (a Bundle without <c>type</c>).
    /// </summary>
    public static async Task<JsonObject> OrderSignRequestAsync(HttpClient client, string patientId, IReadOnlyList<JsonObject> resources, IEnumerable<JsonObject> drafts, string userId = "Practitioner/scenario-clinician")
    {
        var discovery = JsonNode.Parse(await client.GetStringAsync("/cds-services"))!;
        var service = discovery["services"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string)s["id"]! == "icans-order-sign");
        return new JsonObject
        {
            ["hook"] = "order-sign",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject
            {
                ["patientId"] = patientId,
                ["userId"] = userId,
                ["draftOrders"] = new JsonObject
                {
                    ["resourceType"] = "Bundle",
                    ["entry"] = new JsonArray([.. drafts.Select(d => (JsonNode)new JsonObject { ["resource"] = d.DeepClone() })]),
                },
            },
            ["prefetch"] = Build(service, patientId, userId, resources),
        };
    }

    public static JsonObject Build(JsonObject discoveredService, string patientId, string userId, IReadOnlyList<JsonObject> resources, ISet<string>? omitKeys = null, ISet<string>? nullKeys = null)
    {
        var prefetch = new JsonObject();
        foreach (var (key, template) in discoveredService["prefetch"]!.AsObject())
        {
            if (omitKeys?.Contains(key) == true)
            {
                continue;
            }

            prefetch[key] = nullKeys?.Contains(key) == true
                ? null
                : Run(template!.GetValue<string>().Replace("{{context.patientId}}", patientId, StringComparison.Ordinal)
                    .Replace("{{context.userId}}", userId, StringComparison.Ordinal), patientId, resources);
        }

        return prefetch;
    }

    public static JsonNode? Run(string url, string patientId, IReadOnlyList<JsonObject> resources)
    {
        var (path, query) = url.Split('?', 2) is [var p, var q] ? (p, q) : (url, "");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2)
        {
            return resources.FirstOrDefault(r => Type(r) == parts[0] && (string?)r["id"] == parts[1])?.DeepClone();
        }

        var codes = query.Split('&')
            .Select(kv => kv.Split('=', 2))
            .Where(kv => kv[0] == "code")
            .SelectMany(kv => Uri.UnescapeDataString(kv[1]).Split(','))
            .ToHashSet(StringComparer.Ordinal);
        var hits = resources.Where(r => Type(r) == parts[0] && IsFor(r, patientId) && (codes.Count == 0 || CodesOf(r).Any(codes.Contains))).ToList();
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = hits.Count };
        if (hits.Count > 0)
        {
            bundle["entry"] = new JsonArray([.. hits.Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]);
        }

        return bundle;
    }

    // The resources may be deliberately malformed (fuzz regressions): read them as an EHR's search would, without trust.
    private static string? Type(JsonObject r) => Text(r["resourceType"]);

    private static bool IsFor(JsonObject r, string patientId) =>
        (Text(Property(r["subject"], "reference")) ?? Text(Property(r["patient"], "reference"))) is { } reference
        && reference.EndsWith("Patient/" + patientId, StringComparison.Ordinal);

    private static IEnumerable<string> CodesOf(JsonObject r) =>
        new[] { r["code"], r["medicationCodeableConcept"] }
            .SelectMany(c => Property(c, "coding") as JsonArray ?? [])
            .Select(c => $"{Text(Property(c, "system"))}|{Text(Property(c, "code"))}");

    private static JsonNode? Property(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
