using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// Reads the ConceptMaps that let other codes stand for ours (HCPCS to a product, a site's flowsheet code to an
/// observation kind): per target CodeSystem, source (system, code) to target code. Maps onto CodeSystems that are
/// not loaded are ignored; a target that is not a concept, or a source mapped to two targets, stops loading.
/// </summary>
internal static class ConceptMapReader
{
    public static Dictionary<string, Dictionary<CodeKey, string>> Read(MergedArtifacts artifacts)
    {
        var mappings = new Dictionary<string, Dictionary<CodeKey, string>>(StringComparer.Ordinal);
        foreach (var (map, file) in artifacts.ConceptMaps)
        {
            for (var g = 0; g < map.Group.Count; g++)
            {
                var group = map.Group[g];
                var field = $"ConceptMap.group[{g}]";
                var target = ArtifactFields.WithoutVersion(ArtifactFields.Require(group.Target, file, field + ".target"));
                if (!artifacts.CodeSystems.TryGetValue(target, out var targetSystem))
                {
                    continue;
                }

                var source = ArtifactFields.WithoutVersion(ArtifactFields.Require(group.Source, file, field + ".source"));
                if (!mappings.TryGetValue(target, out var byTarget))
                {
                    byTarget = [];
                    mappings.Add(target, byTarget);
                }

                ReadGroup(group, new CodeKey(source, string.Empty), targetSystem, byTarget, file, field);
            }
        }

        return mappings;
    }

    private static void ReadGroup(
        ConceptMap.GroupComponent group, CodeKey source, LoadedCodeSystem target,
        Dictionary<CodeKey, string> byTarget, string file, string field)
    {
        for (var e = 0; e < group.Element.Count; e++)
        {
            var element = group.Element[e];
            var sourceKey = source with { Code = ArtifactFields.Require(element.Code, file, $"{field}.element[{e}].code") };
            for (var t = 0; t < element.Target.Count; t++)
            {
                var mapping = element.Target[t];
                if (mapping.Equivalence is ConceptMapEquivalence.Unmatched or ConceptMapEquivalence.Disjoint)
                {
                    continue;
                }

                var targetField = $"{field}.element[{e}].target[{t}].code";
                var code = ArtifactFields.Require(mapping.Code, file, targetField);
                if (!target.Concepts.ContainsKey(code))
                {
                    throw new TerminologyException(file, targetField, $"code '{code}' does not exist in CodeSystem '{target.Url}'");
                }

                if (byTarget.TryGetValue(sourceKey, out var earlier) && earlier != code)
                {
                    throw new TerminologyException(file, targetField, $"{sourceKey} is already mapped to '{earlier}' in {target.Url}");
                }

                byTarget[sourceKey] = code;
            }
        }
    }
}
