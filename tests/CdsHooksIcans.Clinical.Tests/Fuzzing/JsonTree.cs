using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Tests.Fuzzing;

/// <summary>What the mutation tests do to a JSON document: list its nodes, and put a value in a node's place.</summary>
internal static class JsonTree
{
    /// <summary>Every node of the tree, parents before their children.</summary>
    public static List<JsonNode> Nodes(JsonNode root)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        return nodes;
    }

    /// <summary>Puts <paramref name="value"/> where <paramref name="target"/> is, in its object or array.</summary>
    public static void Replace(JsonNode target, JsonNode? value)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = value;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = value;
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, nodes);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, nodes);
                }

                break;
        }
    }
}
