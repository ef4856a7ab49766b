using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Tests.Fuzzing;

/// <summary>FHIR JSON as real and hostile clients damage it, for the tests that parse resources at random.</summary>
internal static class DamagedFhir
{
    private static readonly JsonNode?[] Leaves =
    [
        null, true, false, 0, -1, 42, 1.5, 1e308, "", " ", "x", "2026-01-15T12:00:00Z", "2026-13-45", "Patient/p1",
        "http://loinc.org", new JsonObject(), new JsonArray(), new JsonArray(1, 2), new JsonObject { ["text"] = "a" },
        new JsonObject { ["reference"] = 42 }, new JsonArray(new JsonObject { ["text"] = "a" }, new JsonObject { ["text"] = "b" }),
    ];

    private static readonly string[] Renames = ["valueString", "valueQuantity", "valueInteger", "Code", "status ", "_status", "unknownElement", "extension", "resourceType"];

    // Every resource the repository has as data: scenarios, profile examples, the sandbox's order-sign request.
    public static List<JsonNode> Originals()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.FhirProfiles, "scenarios"), "*.json")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.FhirProfiles, "examples"), "*.json"));
        var resources = new List<JsonNode>();
        foreach (var file in files)
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!;
            resources.Add(node);
            resources.AddRange(node["entry"]?.AsArray().Select(e => e!["resource"]!) ?? []);
        }

        var orderSign = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "requests", "order-sign-sandbox.json")))!;
        resources.AddRange(orderSign["context"]!["draftOrders"]!["entry"]!.AsArray().Select(e => e!["resource"]!));
        return resources;
    }

    // One random change of the kinds real and hostile clients make: a value of another JSON type, a single value
    // where a list belongs or the reverse, a null in a list, a misspelled or unknown name, a missing element.
    public static void Damage(JsonNode resource, Random random)
    {
        var nodes = JsonTree.Nodes(resource);
        var target = nodes[random.Next(nodes.Count)];
        if (target.Parent is not { } parent)
        {
            return;
        }

        switch (random.Next(6))
        {
            case 0:
                JsonTree.Replace(target, Leaves[random.Next(Leaves.Length)]?.DeepClone());
                break;
            case 1:
                JsonTree.Replace(target, new JsonArray(target.DeepClone()));
                break;
            case 2 when target is JsonArray { Count: > 0 } array:
                JsonTree.Replace(target, array[0]?.DeepClone());
                break;
            case 3 when target is JsonArray array:
                array.Add(null);
                break;
            case 4 when parent is JsonObject owner:
                var name = target.GetPropertyName();
                owner.Remove(name);
                owner[Renames[random.Next(Renames.Length)]] = target;
                break;
            case 5 when parent is JsonObject owner:
                owner.Remove(target.GetPropertyName());
                break;
        }
    }
}
