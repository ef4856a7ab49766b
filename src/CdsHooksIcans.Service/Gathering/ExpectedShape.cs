using System.Text.Json;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// What a prefetch template asks for, so that data of another shape is taken for what it is: not data (data contract v2
/// §3). A search wants a search-result Bundle whose entries are of the searched type (a server's informational
/// OperationOutcome entries aside); a read wants that resource, with the id it reads. A Patient where the infusion
/// search belongs would otherwise read as "no infusion", and the patient as not an IEC patient.
/// </summary>
/// <param name="ResourceType">The type the template reads or searches.</param>
/// <param name="IsRead">An instance read (<c>Patient/{{context.patientId}}</c>) rather than a search.</param>
/// <param name="ReadId">The id a read asks for, when the request gives it.</param>
internal sealed record ExpectedShape(string ResourceType, bool IsRead, string? ReadId)
{
    /// <summary>The shape a template asks for, or null for a template that is neither a type search nor an instance read.</summary>
    public static ExpectedShape? Of(string template, HookRequest request)
    {
        var expanded = PrefetchTemplate.Expand(template, request).RelativeUrl;
        var parts = (expanded ?? template).Split('?', 2);
        return parts[0].Split('/', StringSplitOptions.RemoveEmptyEntries) switch
        {
            [var type] when parts.Length == 2 => new ExpectedShape(type, false, null),
            [var type, var id] when parts.Length == 1 => new ExpectedShape(type, true, expanded is null ? null : Uri.UnescapeDataString(id)),
            _ => null,
        };
    }

    /// <summary>What the template asks for, in words for a log line or a card (no ids).</summary>
    public override string ToString() => IsRead ? Article(ResourceType) : $"a search Bundle of {ResourceType}";

    /// <summary>What a prefetch value holds when that is not what the template asks for; null when it fits, or when it is not FHIR JSON at all (the parser says so).</summary>
    public string? Mismatch(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || Text(value, "resourceType") is not { } type)
        {
            return null;
        }

        var entries = new List<string>();
        if (type == "Bundle" && value.TryGetProperty("entry", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in list.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object
                    && !IsOutcome(Text(resource, "resourceType"), entry.TryGetProperty("search", out var search) ? Text(search, "mode") : null))
                {
                    entries.Add(Text(resource, "resourceType") ?? "a resource without resourceType");
                }
            }
        }

        return Mismatch(type, Text(value, "id"), type == "Bundle" ? Text(value, "type") : null, entries);
    }

    /// <summary>
    /// What a FHIR server's answer (a first page, or any later page) holds when it is not what the template asks for; null
    /// when it fits. The id of a read is not compared: the server answered the URL it was asked.
    /// </summary>
    public string? Mismatch(Resource value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bundle = value as Bundle;
        var entries = bundle?.Entry
            .Where(e => e.Resource is not null && !IsOutcome(e.Resource.TypeName, e.Search?.Mode == Bundle.SearchEntryMode.Outcome ? "outcome" : null))
            .Select(e => TypeOf(e.Resource!))
            ?? [];
        return Mismatch(TypeOf(value), null, bundle?.Type?.GetLiteral(), entries);
    }

    private string? Mismatch(string type, string? id, string? bundleType, IEnumerable<string> entryTypes)
    {
        if (IsRead)
        {
            return type != ResourceType ? Article(type)
                : ReadId is not null && id is not null && id != ReadId ? $"{Article(type)} with another id"
                : null;
        }

        if (type != "Bundle")
        {
            return Article(type);
        }

        // A Bundle without type is what the public sandbox sends; some clients send a collection.
        if (bundleType is not (null or "searchset" or "collection"))
        {
            return $"a {bundleType} Bundle";
        }

        var foreign = entryTypes.Where(t => t != ResourceType).Distinct().Order(StringComparer.Ordinal).ToList();
        return foreign.Count == 0 ? null : $"a Bundle holding {string.Join(", ", foreign)}";
    }

    // The SDK reads a type R4 does not define (a DSTU2 MedicationOrder) as a DynamicResource.
    private static string TypeOf(Resource resource) => resource is DynamicResource ? "unknown resource type" : resource.TypeName;

    // The outcome a server adds to a search result is not data and not foreign.
    private static bool IsOutcome(string? type, string? searchMode) => type == "OperationOutcome" && searchMode == "outcome";

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Article(string type) => (type.Length > 0 && "AEIOU".Contains(type[0], StringComparison.Ordinal) ? "an " : "a ") + type;
}
