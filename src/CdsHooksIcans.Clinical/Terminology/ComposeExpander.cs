using System.Collections.Frozen;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// Expands every ValueSet's <c>compose.include</c> into its codes: listed concepts, whole CodeSystems and other
/// ValueSets. Filters and excludes are refused at load rather than half-understood. A test holds it equal to
/// Firely's <c>LocalTerminologyService</c> for every ValueSet of fhir-profiles/ (docs/adr/0021).
/// </summary>
internal sealed class ComposeExpander(MergedArtifacts artifacts)
{
    private readonly Dictionary<string, Dictionary<CodeKey, string?>> _expanded = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    /// <summary>Every ValueSet by URL.</summary>
    public Dictionary<string, ExpandedValueSet> ExpandAll()
    {
        foreach (var url in artifacts.ValueSets.Keys)
        {
            Expand(url);
        }

        return _expanded.ToDictionary(
            entry => entry.Key,
            entry => new ExpandedValueSet(
                entry.Value.Keys.ToFrozenSet(),
                [.. entry.Value
                    .Select(member => (member.Key, member.Value))
                    .OrderBy(member => member.Key.System, StringComparer.Ordinal)
                    .ThenBy(member => member.Key.Code, StringComparer.Ordinal)]),
            StringComparer.Ordinal);
    }

    private Dictionary<CodeKey, string?> Expand(string url)
    {
        if (_expanded.TryGetValue(url, out var done))
        {
            return done;
        }

        var members = new Dictionary<CodeKey, string?>();
        _expanding.Add(url);
        foreach (var include in artifacts.ValueSets[url])
        {
            foreach (var (key, display) in ExpandInclude(include))
            {
                members.TryAdd(key, display);
            }
        }

        _expanding.Remove(url);
        _expanded.Add(url, members);
        return members;
    }

    private Dictionary<CodeKey, string?> ExpandInclude(ValueSetInclude include)
    {
        var (component, file, field) = include;
        if (component.Filter.Count > 0)
        {
            throw new TerminologyException(file, field + ".filter", "filters are not supported; list the concepts or include the whole system");
        }

        Dictionary<CodeKey, string?>? fromSystem = null;
        if (!string.IsNullOrEmpty(component.System))
        {
            fromSystem = component.Concept.Count > 0
                ? ListedConcepts(include)
                : WholeSystem(include);
        }
        else if (component.Concept.Count > 0)
        {
            throw new TerminologyException(file, field + ".system", "concepts are listed without a system");
        }

        Dictionary<CodeKey, string?>? fromValueSets = null;
        var references = component.ValueSet.ToList();
        for (var i = 0; i < references.Count; i++)
        {
            var reference = ArtifactFields.WithoutVersion(references[i] ?? string.Empty);
            if (!artifacts.ValueSets.ContainsKey(reference))
            {
                throw new TerminologyException(file, $"{field}.valueSet[{i}]", $"unknown ValueSet '{reference}'");
            }

            if (_expanding.Contains(reference))
            {
                throw new TerminologyException(file, $"{field}.valueSet[{i}]", $"ValueSet '{reference}' includes itself");
            }

            // FHIR: an include naming several value sets holds the codes in all of them.
            var members = Expand(reference);
            fromValueSets = fromValueSets is null
                ? new Dictionary<CodeKey, string?>(members)
                : fromValueSets.Where(entry => members.ContainsKey(entry.Key)).ToDictionary();
        }

        // FHIR: a system and value sets in one include means their intersection.
        return (fromSystem, fromValueSets) switch
        {
            ({ } system, { } sets) => system.Where(entry => sets.ContainsKey(entry.Key)).ToDictionary(),
            ({ } system, null) => system,
            (null, { } sets) => sets,
            _ => [],
        };
    }

    private Dictionary<CodeKey, string?> ListedConcepts(ValueSetInclude include)
    {
        var (component, file, field) = include;
        var system = component.System!;
        artifacts.CodeSystems.TryGetValue(system, out var ownSystem);
        var members = new Dictionary<CodeKey, string?>();
        for (var i = 0; i < component.Concept.Count; i++)
        {
            var code = ArtifactFields.Require(component.Concept[i].Code, file, $"{field}.concept[{i}].code");
            LoadedConcept? defined = null;
            if (ownSystem is not null && !ownSystem.Concepts.TryGetValue(code, out defined))
            {
                throw new TerminologyException(file, $"{field}.concept[{i}].code", $"code '{code}' is not defined in CodeSystem '{ownSystem.Url}'");
            }

            members.TryAdd(new CodeKey(system, code), component.Concept[i].Display ?? defined?.Concept.Display);
        }

        return members;
    }

    private Dictionary<CodeKey, string?> WholeSystem(ValueSetInclude include)
    {
        var system = include.Component.System!;
        if (!artifacts.CodeSystems.TryGetValue(system, out var codeSystem))
        {
            throw new TerminologyException(include.File, include.Field + ".system", $"unknown CodeSystem '{system}' (a whole-system include needs the CodeSystem loaded)");
        }

        return codeSystem.Concepts.ToDictionary(
            concept => new CodeKey(codeSystem.Url, concept.Key), concept => concept.Value.Concept.Display);
    }
}
