using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>The concepts of one CodeSystem URL, merged over every folder, nested concepts flattened.</summary>
/// <param name="Url">The canonical URL.</param>
/// <param name="File">The first file that defined it, named by errors about the whole CodeSystem.</param>
internal sealed record LoadedCodeSystem(string Url, string File)
{
    public Dictionary<string, LoadedConcept> Concepts { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="concepts"/> and their children; a code defined twice stops loading.</summary>
    public void AddConcepts(List<CodeSystem.ConceptDefinitionComponent> concepts, string file, string path)
    {
        for (var i = 0; i < concepts.Count; i++)
        {
            var field = $"{path}[{i}]";
            var code = ArtifactFields.Require(concepts[i].Code, file, field + ".code");
            if (!Concepts.TryAdd(code, new LoadedConcept(concepts[i], file, field)))
            {
                throw new TerminologyException(file, field + ".code", $"code '{code}' is already defined in {Url}");
            }

            AddConcepts(concepts[i].Concept, file, field + ".concept");
        }
    }
}
