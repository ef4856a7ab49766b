using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>Reads the terminology artifacts (CodeSystems, ValueSets, ConceptMaps) of a folder; other resources are skipped.</summary>
internal static class ArtifactFiles
{
    // Lenient: artifacts written by hand or by a deployment may bend R4; the loader's checks are what must hold.
    private static readonly FhirJsonDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));

    /// <summary>Every artifact under <paramref name="folder"/> (recursively), in ordinal file-name order so that loading is repeatable.</summary>
    public static IEnumerable<(Resource Resource, string File)> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new TerminologyException(folder, "folder", "the terminology folder does not exist");
        }

        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var json = File.ReadAllText(file);
            if (ResourceTypeOf(json, file) is nameof(CodeSystem) or nameof(ValueSet) or nameof(ConceptMap))
            {
                yield return (Deserializer.DeserializeResource(json), file);
            }
        }
    }

    private static string? ResourceTypeOf(string json, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("resourceType", out var type)
                && type.ValueKind == JsonValueKind.String
                    ? type.GetString()
                    : null;
        }
        catch (JsonException ex)
        {
            throw new TerminologyException(file, "(json)", $"not valid JSON: {ex.Message}", ex);
        }
    }
}
