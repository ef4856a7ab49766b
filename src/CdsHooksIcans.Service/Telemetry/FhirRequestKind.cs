using System.Collections.Concurrent;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Service.Telemetry;

/// <summary>
/// What a FHIR request URL may tell telemetry: the resource type (only a name the FHIR R4 model knows, so an id or a
/// patient's reference can never pass for one) and whether it is a read or a search. Never the URL itself.
/// </summary>
internal sealed class FhirRequestKind
{
    private static readonly ConcurrentDictionary<(string Type, string Interaction), FhirRequestKind> Known = new();

    private FhirRequestKind(string resourceType, string interaction)
    {
        ResourceType = resourceType;
        Interaction = interaction;
        SpanName = "FHIR " + interaction + " " + resourceType;
    }

    /// <summary>A FHIR R4 resource type name, or <c>other</c> (a paging link, the server's base).</summary>
    public string ResourceType { get; }

    /// <summary><c>read</c> (type/id) or <c>search</c> (type, type?query, type/_search).</summary>
    public string Interaction { get; }

    public string SpanName { get; }

    public static FhirRequestKind Of(Uri? url)
    {
        var segments = url?.Segments ?? [];
        // The last known type in the path: a base URL may itself contain words such as "fhir" or "r4", never a type.
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = segments[i].TrimEnd('/');
            if (ModelInfo.IsKnownResource(segment))
            {
                var read = i < segments.Length - 1 && !segments[i + 1].StartsWith('_');
                return Cached(segment, read ? "read" : "search");
            }
        }

        return Cached("other", "search");
    }

    private static FhirRequestKind Cached(string resourceType, string interaction)
        => Known.GetOrAdd((resourceType, interaction), static key => new FhirRequestKind(key.Type, key.Interaction));
}
