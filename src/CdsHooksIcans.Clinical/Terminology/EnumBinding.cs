using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// Binds the engine's enums to the contract's CodeSystems by kebab-case name, checked both ways: every concept is a
/// member the engine knows, and every member has a concept (docs/adr/0003).
/// </summary>
internal static class EnumBinding
{
    private static readonly string DomainProperty = EnumCodes.ToCode(ConceptProperty.Domain);

    /// <summary>icans-observation concepts and <see cref="ObservationKind"/> members, one to one.</summary>
    public static Dictionary<string, ObservationKind> ObservationKinds(LoadedCodeSystem codeSystem)
    {
        var members = EnumCodes.MembersByCode(typeof(ObservationKind));
        var bound = new Dictionary<string, ObservationKind>(StringComparer.Ordinal);
        foreach (var (code, concept) in codeSystem.Concepts)
        {
            bound[code] = members.TryGetValue(code, out var member)
                ? (ObservationKind)member
                : throw new TerminologyException(concept.File, concept.Field + ".code", $"code '{code}' is not an observation kind the engine knows ({string.Join(", ", members.Keys.Order(StringComparer.Ordinal))})");
        }

        RequireAllMembers(members, bound.Keys, codeSystem, nameof(ObservationKind));
        return bound;
    }

    /// <summary>Every icans-finding concept is a member of its domain's enum, and every member has a concept.</summary>
    public static Dictionary<string, Enum> Findings(LoadedCodeSystem codeSystem, Dictionary<string, ObservationKind> observationCodes)
    {
        var domains = IcansTerminology.FindingDomains;
        var domainsByCode = observationCodes
            .Where(entry => domains.Any(domain => domain.Domain == entry.Value))
            .ToDictionary(entry => entry.Key, entry => domains.First(domain => domain.Domain == entry.Value).Finding, StringComparer.Ordinal);
        var bound = new Dictionary<string, Enum>(StringComparer.Ordinal);
        foreach (var (code, concept) in codeSystem.Concepts)
        {
            var domain = concept.Property(DomainProperty) is Code { Value: { } value }
                ? value
                : throw new TerminologyException(concept.File, concept.Field + ".property", $"concept '{code}' needs a '{DomainProperty}' property (valueCode)");
            if (!domainsByCode.TryGetValue(domain, out var findingType))
            {
                throw new TerminologyException(concept.File, concept.Field + ".property", $"concept '{code}' has unknown domain '{domain}' (expected one of {string.Join(", ", domainsByCode.Keys.Order(StringComparer.Ordinal))})");
            }

            bound[code] = EnumCodes.MembersByCode(findingType).TryGetValue(code, out var member)
                ? member
                : throw new TerminologyException(concept.File, concept.Field + ".code", $"code '{code}' is not a {findingType.Name} the engine knows");
        }

        foreach (var (_, findingType) in domains)
        {
            RequireAllMembers(EnumCodes.MembersByCode(findingType), bound.Keys, codeSystem, findingType.Name);
        }

        return bound;
    }

    private static void RequireAllMembers(
        FrozenDictionary<string, Enum> members, IEnumerable<string> boundCodes, LoadedCodeSystem codeSystem, string enumName)
    {
        var missing = members.Keys.Except(boundCodes, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new TerminologyException(codeSystem.File, "CodeSystem.concept", $"{enumName} needs concepts for: {string.Join(", ", missing)}");
        }
    }
}
