using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// What a prefetch template asks for, so that data of another shape is taken for what it is: not data (data contract v2
/// §3). A search wants a search-result Bundle whose entries are of the searched type (a server's informational
/// OperationOutcome entries aside); a read wants that resource, with the id it reads. A Patient where the infusion
/// search belongs would otherwise read as "no infusion", and the patient as not an IEC patient.
/// </summary>
/// <param name="ResourceType">The type the template reads or searches.</param>
/// <param name="IsRead">An instance read (<c>Patient/{{context.patientId}}</c>) rather than a search.</param>
/// <param name="ReadId">The id a read asks for, when the request gives it.</param>
public sealed record ExpectedShape(string ResourceType, bool IsRead, string? ReadId)
{
    /// <summary>What <see cref="Mismatch(JsonElement)"/> says of an OperationOutcome: the client's report of an error.</summary>
    public const string AnOperationOutcome = "an OperationOutcome";

    /// <summary>
    /// The shape a template asks for, without the id of a read (see <see cref="ForRead"/>), or null for a template that is
    /// neither a type search nor an instance read. Only the path is looked at: the query is long lists of codes.
    /// </summary>
    public static ExpectedShape? Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var query = template.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? template.AsSpan() : template.AsSpan(0, query);
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            return query < 0 || path.IsEmpty ? null : new ExpectedShape(path.ToString(), false, null);
        }

        return query >= 0 || slash == 0 || path[(slash + 1)..].Contains('/') ? null : new ExpectedShape(path[..slash].ToString(), true, null);
    }

    /// <summary>The shape for one call: a read learns the id it asks for from its URL as the call expands it.</summary>
    /// <param name="readUrl">
    /// The template with the call's values filled in and URL-encoded (<c>Patient/123</c>); null when the call does not give
    /// them, and the id is not compared.
    /// </param>
    public ExpectedShape ForRead(string? readUrl)
        => !IsRead || readUrl is null ? this
            : this with { ReadId = Uri.UnescapeDataString(readUrl[(readUrl.IndexOf('/', StringComparison.Ordinal) + 1)..]) };

    /// <summary>What the template asks for, in words for a log line or a card (no ids).</summary>
    public override string ToString() => IsRead ? Article(ResourceType) : $"a search Bundle of {ResourceType}";

    /// <summary>What a prefetch value holds when that is not what the template asks for; null when it fits, or when it is not FHIR JSON at all (the parser says so).</summary>
    public string? Mismatch(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || TypeOf(value) is not { ValueKind: JsonValueKind.String } type)
        {
            return null;
        }

        // Compared in place: the usual answer fits, and judging it allocates nothing.
        if (!type.ValueEquals("Bundle"))
        {
            return Mismatch(type.GetString()!, Text(value, "id"), null, null);
        }

        List<string>? foreign = null;
        if (value.TryGetProperty("entry", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in list.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var entryType = TypeOf(resource) is { ValueKind: JsonValueKind.String } typed ? typed : (JsonElement?)null;
                if (entryType?.ValueEquals(ResourceType) == true)
                {
                    continue;
                }

                var name = entryType?.GetString();
                if (!IsOutcome(name, entry.TryGetProperty("search", out var search) ? Text(search, "mode") : null))
                {
                    (foreign ??= []).Add(name ?? "a resource without resourceType");
                }
            }
        }

        // The types a search result may have are compared in place; only another one is read out.
        var bundleType = value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            && !t.ValueEquals("searchset") && !t.ValueEquals("collection") ? t.GetString() : null;
        return Mismatch("Bundle", null, bundleType, foreign);
    }

    /// <summary>
    /// What a FHIR server's answer (a first page, or any later page) holds when it is not what the template asks for; null
    /// when it fits. The id of a read is not compared: the server answered the URL it was asked.
    /// </summary>
    public string? Mismatch(Resource value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bundle = value as Bundle;
        List<string>? foreign = null;
        foreach (var entry in bundle?.Entry ?? [])
        {
            if (entry.Resource is { } resource && TypeOf(resource) != ResourceType
                && !IsOutcome(resource.TypeName, entry.Search?.Mode == Bundle.SearchEntryMode.Outcome ? "outcome" : null))
            {
                (foreign ??= []).Add(TypeOf(resource));
            }
        }

        return Mismatch(TypeOf(value), null, bundle is null || FhirJson.IsSearchResult(bundle) ? null : bundle.Type?.GetLiteral(), foreign);
    }

    /// <param name="type">The value's resource type.</param>
    /// <param name="id">Its id, when a read's id is to be compared.</param>
    /// <param name="bundleType">A Bundle's type, only when it is not one a search result may have (untyped, searchset, collection).</param>
    /// <param name="foreign">The types of a Bundle's entries that are not the searched type (outcomes aside), if any.</param>
    private string? Mismatch(string type, string? id, string? bundleType, List<string>? foreign)
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

        if (bundleType is not null)
        {
            return $"a {bundleType} Bundle";
        }

        return foreign is null ? null : $"a Bundle holding {string.Join(", ", foreign.Distinct().Order(StringComparer.Ordinal))}";
    }

    // The SDK reads a type R4 does not define (a DSTU2 MedicationOrder) as a DynamicResource.
    private static string TypeOf(Resource resource) => resource is DynamicResource ? "unknown resource type" : resource.TypeName;

    // The outcome a server adds to a search result is not data and not foreign.
    private static bool IsOutcome(string? type, string? searchMode) => type == "OperationOutcome" && searchMode == "outcome";

    /// <summary>
    /// A resource's <c>resourceType</c>, looked for from the front, where FHIR JSON puts it (<c>TryGetProperty</c> looks
    /// from the back, across every element of a large resource).
    /// </summary>
    private static JsonElement? TypeOf(JsonElement resource)
    {
        foreach (var property in resource.EnumerateObject())
        {
            if (property.NameEquals("resourceType"u8))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Article(string type) => (type.Length > 0 && "AEIOU".Contains(type[0], StringComparison.Ordinal) ? "an " : "a ") + type;
}
