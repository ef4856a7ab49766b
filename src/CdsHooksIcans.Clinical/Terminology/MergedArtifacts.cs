using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// The artifacts of every folder, merged by canonical URL in folder order: a later folder adds concepts to a CodeSystem
/// and includes to a ValueSet of the same URL, and adds its own ConceptMaps and supplements (docs/adr/0003).
/// </summary>
internal sealed class MergedArtifacts
{
    private readonly Dictionary<string, LoadedCodeSystem> _codeSystems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ValueSetInclude>> _valueSets = new(StringComparer.Ordinal);
    private readonly List<(CodeSystem Supplement, string File)> _supplements = [];
    private readonly List<(ConceptMap Map, string File)> _conceptMaps = [];

    /// <summary>CodeSystems (not supplements) by URL.</summary>
    public IReadOnlyDictionary<string, LoadedCodeSystem> CodeSystems => _codeSystems;

    /// <summary>The includes of every ValueSet by URL, in the order the folders and files gave them.</summary>
    public IReadOnlyDictionary<string, List<ValueSetInclude>> ValueSets => _valueSets;

    /// <summary>CodeSystem supplements, in load order.</summary>
    public IReadOnlyList<(CodeSystem Supplement, string File)> Supplements => _supplements;

    /// <summary>ConceptMaps, in load order.</summary>
    public IReadOnlyList<(ConceptMap Map, string File)> ConceptMaps => _conceptMaps;

    /// <summary>Adds one artifact read from <paramref name="file"/>; other resource types are ignored.</summary>
    public void Add(Resource resource, string file)
    {
        switch (resource)
        {
            case CodeSystem codeSystem:
                AddCodeSystem(codeSystem, file);
                break;
            case ValueSet valueSet:
                AddValueSet(valueSet, file);
                break;
            case ConceptMap conceptMap:
                ArtifactFields.Require(conceptMap.Url, file, "ConceptMap.url");
                _conceptMaps.Add((conceptMap, file));
                break;
        }
    }

    private void AddCodeSystem(CodeSystem codeSystem, string file)
    {
        var url = ArtifactFields.Require(codeSystem.Url, file, "CodeSystem.url");
        if (codeSystem.Content == CodeSystemContentMode.Supplement)
        {
            _supplements.Add((codeSystem, file));
            return;
        }

        if (!_codeSystems.TryGetValue(url, out var loaded))
        {
            loaded = new LoadedCodeSystem(url, file);
            _codeSystems.Add(url, loaded);
        }

        loaded.AddConcepts(codeSystem.Concept, file, "CodeSystem.concept");
    }

    private void AddValueSet(ValueSet valueSet, string file)
    {
        var url = ArtifactFields.Require(valueSet.Url, file, "ValueSet.url");
        if (valueSet.Compose?.Exclude.Count > 0)
        {
            throw new TerminologyException(file, "ValueSet.compose.exclude", "exclude is not supported; list the included codes instead");
        }

        if (!_valueSets.TryGetValue(url, out var includes))
        {
            includes = [];
            _valueSets.Add(url, includes);
        }

        var composed = valueSet.Compose?.Include ?? [];
        for (var i = 0; i < composed.Count; i++)
        {
            includes.Add(new ValueSetInclude(composed[i], file, $"ValueSet.compose.include[{i}]"));
        }
    }
}
