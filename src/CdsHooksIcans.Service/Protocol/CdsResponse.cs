using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CdsHooksIcans.Service.Protocol;

// CDS Hooks 2.0 wire types. Our own, not Firely's experimental CdsHooks POCOs (docs/adr/0002).
// Serialised with nulls omitted; optional lists are null when empty so they disappear from the JSON.

/// <summary>The answer to a hook call. <c>cards</c> is always present, even when empty.</summary>
public sealed record CdsResponse(IReadOnlyList<Card> Cards)
{
    public IReadOnlyList<CdsAction>? SystemActions { get; init; }

    public static CdsResponse Empty { get; } = new([]);
}

public sealed record Card(string Summary, string Indicator, CardSource Source)
{
    public string? Uuid { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyList<Suggestion>? Suggestions { get; init; }
    public string? SelectionBehavior { get; init; }
    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }
    public IReadOnlyList<CardLink>? Links { get; init; }

    /// <summary>CDS Hooks extension object: keys are reverse-domain names such as <c>org.cdshooks-icans.grading</c>.</summary>
    public IReadOnlyDictionary<string, object>? Extension { get; init; }
}

public sealed record CardSource(string Label)
{
    public string? Url { get; init; }
    public string? Icon { get; init; }
    public CdsCoding? Topic { get; init; }
}

public sealed record Suggestion(string Label)
{
    public string? Uuid { get; init; }
    public bool? IsRecommended { get; init; }
    public IReadOnlyList<CdsAction>? Actions { get; init; }
}

/// <summary>A suggested change. <see cref="Resource"/> is the FHIR resource as JSON, filled for this answer only.</summary>
public sealed record CdsAction(string Type, string Description)
{
    public JsonNode? Resource { get; init; }
    public string? ResourceId { get; init; }
}

public sealed record CardLink(string Label, string Url, string Type)
{
    public string? AppContext { get; init; }
}

/// <summary>CDS Hooks' trimmed Coding: code and system required, display required on override reasons.</summary>
public sealed record CdsCoding(string System, string Code)
{
    public string? Display { get; init; }
}

/// <summary>JSON settings of the wire format.</summary>
public static class CdsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 64,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyOptionalCollections } },
        };
        options.MakeReadOnly();
        return options;
    }

    // The wire format forbids [] and {} except where the spec requires them (`cards`, `services`), which are
    // declared non-nullable; every nullable list or dictionary is optional and is dropped when empty.
    private static void OmitEmptyOptionalCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsGetNullable && property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value switch
                {
                    null => false,
                    ICollection collection => collection.Count > 0,
                    IEnumerable items => items.Cast<object?>().Any(),
                    _ => true,
                };
            }
        }
    }
}
