using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// The terminology the service understands, loaded once from <c>fhir-profiles/</c> (and any deployment folders):
/// CodeSystems, ValueSets, ConceptMaps for local codes, and CodeSystem supplements that give ICD-10-CM codes their
/// ASTCT grade. Every lookup in extraction goes through here; no code literal lives in C#.
/// </summary>
public sealed partial class IcansTerminology
{
    /// <summary>The canonical base of the project's own artifacts.</summary>
    public const string CanonicalBase = "http://cdshooks-icans.org/fhir";

    /// <summary>Loads and validates every terminology artifact under the given folders; throws with file and field on error.</summary>
    public static IcansTerminology Load(IEnumerable<string> directories) => throw new NotImplementedException();

    /// <summary>All codings of a ValueSet (by canonical URL or by the short name after <c>/ValueSet/</c>).</summary>
    public IReadOnlyList<Coding> Expand(string valueSet) => throw new NotImplementedException();

    /// <summary>Whether any coding of the concept is in the ValueSet.</summary>
    public bool Contains(string valueSet, CodeableConcept? concept) => throw new NotImplementedException();
}
