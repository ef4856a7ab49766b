using System.Collections.Frozen;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// Turns the merged artifacts into an <see cref="IcansTerminology"/>: expands the ValueSets, reads the ConceptMaps,
/// binds the enums and products and reads the supplements, each by its own part, and checks that the contract's
/// CodeSystems and ValueSets are all there.
/// </summary>
/// <param name="artifacts">Every folder's artifacts, merged.</param>
/// <param name="folders">The folders loaded, named by errors about something missing from all of them.</param>
internal sealed class TerminologyCompiler(MergedArtifacts artifacts, string folders)
{
    public IcansTerminology Compile()
    {
        var observationSystem = RequiredCodeSystem(IcansCanonicals.IcansObservationSystem);
        var findingSystem = RequiredCodeSystem(IcansCanonicals.IcansFindingSystem);
        var productSystem = RequiredCodeSystem(IcansCanonicals.IecProductSystem);

        var valueSets = new ComposeExpander(artifacts).ExpandAll();
        foreach (var required in IcansCanonicals.RequiredValueSets)
        {
            if (!valueSets.ContainsKey(required))
            {
                throw new TerminologyException(folders, "ValueSet.url", $"no ValueSet '{required}' was found");
            }
        }

        var mappings = ConceptMapReader.Read(artifacts);
        var observationCodes = EnumBinding.ObservationKinds(observationSystem);
        var findingCodes = EnumBinding.Findings(findingSystem, observationCodes);
        var (productCodes, unknownProducts) = ProductBinding.Bind(productSystem);

        return new IcansTerminology(
            valueSets.ToFrozenDictionary(StringComparer.Ordinal),
            WithMappings(IcansCanonicals.IcansObservationSystem, observationCodes, mappings),
            WithMappings(IcansCanonicals.IcansFindingSystem, findingCodes, mappings),
            WithMappings(IcansCanonicals.IecProductSystem, productCodes, mappings),
            [.. productCodes.Values.OrderBy(product => product.Code, StringComparer.Ordinal)],
            unknownProducts,
            SupplementReader.AstctGrades(artifacts));
    }

    private LoadedCodeSystem RequiredCodeSystem(string url) =>
        artifacts.CodeSystems.TryGetValue(url, out var codeSystem)
            ? codeSystem
            : throw new TerminologyException(folders, "CodeSystem.url", $"no CodeSystem '{url}' was found");

    /// <summary>Our own codes of <paramref name="system"/>, plus every code a ConceptMap maps onto one of them.</summary>
    private static FrozenDictionary<CodeKey, T> WithMappings<T>(
        string system, Dictionary<string, T> byCode, Dictionary<string, Dictionary<CodeKey, string>> mappings)
    {
        var lookup = byCode.ToDictionary(entry => new CodeKey(system, entry.Key), entry => entry.Value);
        if (mappings.TryGetValue(system, out var local))
        {
            foreach (var (source, target) in local)
            {
                // Our own code wins if a map ever claims one of them.
                lookup.TryAdd(source, byCode[target]);
            }
        }

        return lookup.ToFrozenDictionary();
    }
}
