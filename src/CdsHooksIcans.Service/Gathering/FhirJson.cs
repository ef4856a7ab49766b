using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Lenient FHIR R4 JSON reading, shared by prefetch and the FhirClient. Recoverable mode keeps data that real clients send
/// slightly wrong (the public sandbox sends <c>MedicationRequest.category</c> as an object and Bundles without <c>type</c>).
/// </summary>
internal static class FhirJson
{
    private static readonly JsonSerializerOptions Options =
        new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Recoverable);

    /// <summary>The engine the FhirClient parses responses with, so both paths accept the same input.</summary>
    public static IFhirSerializationEngine Engine { get; } = FhirSerializationEngineFactory.Recoverable(ModelInfo.ModelInspector);

    /// <summary>The resource in a prefetch value, or null when it is not a FHIR resource this SDK can read.</summary>
    public static Resource? TryParse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize<Resource>(Options);
        }
        catch (Exception ex) when (ex is DeserializationFailedException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Search results come as a searchset Bundle; the sandbox omits the type and some clients send a collection.</summary>
    public static bool IsSearchResult(Bundle bundle)
        => bundle.Type is null or Bundle.BundleType.Searchset or Bundle.BundleType.Collection;

    /// <summary>The resources of a result page, without the server's informational OperationOutcome entries.</summary>
    public static IEnumerable<Resource> Entries(Bundle bundle)
        => bundle.Entry
            .Where(entry => !(entry.Resource is OperationOutcome && entry.Search?.Mode == Bundle.SearchEntryMode.Outcome))
            .Select(entry => entry.Resource)
            .OfType<Resource>();

    public static string? NextLink(Bundle bundle)
        => bundle.Link.FirstOrDefault(link => string.Equals(link.Relation, "next", StringComparison.OrdinalIgnoreCase))?.Url;
}
