using System.Collections.Frozen;
using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// The terminology the service understands, loaded once from <c>fhir-profiles/</c> (and any deployment folders):
/// CodeSystems, ValueSets, ConceptMaps for local codes, and CodeSystem supplements that give ICD-10-CM codes their
/// ASTCT grade. Every lookup in extraction goes through here; no code literal lives in C#.
/// </summary>
/// <remarks>Everything is precomputed at load: each lookup is a hash lookup per coding, safe to share between requests.</remarks>
public sealed class IcansTerminology
{
    /// <summary>The canonical base of the project's own artifacts.</summary>
    public const string CanonicalBase = "http://cdshooks-icans.org/fhir";

    /// <summary>The categorical observation kinds and the enum each one's finding codes bind to.</summary>
    internal static readonly ImmutableArray<(ObservationKind Domain, Type Finding)> FindingDomains =
    [
        (ObservationKind.Consciousness, typeof(ConsciousnessLevel)),
        (ObservationKind.Seizure, typeof(SeizureFinding)),
        (ObservationKind.Motor, typeof(MotorFinding)),
        (ObservationKind.IcpEdema, typeof(IcpEdemaFinding)),
        (ObservationKind.LateNeurotoxicity, typeof(LateNeurotoxicityFinding)),
    ];

    private readonly FrozenDictionary<string, ExpandedValueSet> _valueSets;
    private readonly FrozenDictionary<CodeKey, ObservationKind> _observationKinds;
    private readonly FrozenDictionary<CodeKey, Enum> _findings;
    private readonly FrozenDictionary<CodeKey, IecProduct> _products;
    private readonly FrozenSet<CodeKey> _iecTherapies;
    private readonly FrozenDictionary<TherapyClass, IecProduct> _unknownProducts;
    private readonly FrozenDictionary<CodeKey, int> _astctGrades;
    private readonly CodeVocabulary _vocabulary;

    /// <summary>Built by <see cref="TerminologyCompiler"/> once everything is bound and checked.</summary>
    internal IcansTerminology(
        FrozenDictionary<string, ExpandedValueSet> valueSets,
        FrozenDictionary<CodeKey, ObservationKind> observationKinds,
        FrozenDictionary<CodeKey, Enum> findings,
        FrozenDictionary<CodeKey, IecProduct> products,
        ImmutableArray<IecProduct> allProducts,
        FrozenDictionary<TherapyClass, IecProduct> unknownProducts,
        FrozenDictionary<CodeKey, int> astctGrades)
    {
        _valueSets = valueSets;
        _observationKinds = observationKinds;
        _findings = findings;
        _products = products;
        Products = allProducts;
        _unknownProducts = unknownProducts;
        _astctGrades = astctGrades;
        _iecTherapies = valueSets[IcansCanonicals.IecTherapies].Members;

        // Every table a lookup below consults, so that a code outside the vocabulary is known to none of them.
        _vocabulary = new CodeVocabulary(valueSets.Values.SelectMany(valueSet => valueSet.Members)
            .Concat(observationKinds.Keys).Concat(findings.Keys).Concat(products.Keys).Concat(astctGrades.Keys));
    }

    /// <summary>
    /// Loads and validates every CodeSystem, ValueSet and ConceptMap under the given folders (recursively; other
    /// resources are ignored). Later folders may add concepts, ValueSet includes and ConceptMaps with the same URLs:
    /// that is how a deployment adds local codes without a rebuild. Throws <see cref="TerminologyException"/> naming
    /// the file and field at fault.
    /// </summary>
    public static IcansTerminology Load(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var folders = directories.ToList();
        var artifacts = new MergedArtifacts();
        foreach (var folder in folders)
        {
            foreach (var (resource, file) in ArtifactFiles.Read(folder))
            {
                artifacts.Add(resource, file);
            }
        }

        return new TerminologyCompiler(artifacts, string.Join(", ", folders)).Compile();
    }

    /// <summary>Every product of CodeSystem <c>iec-product</c>, sorted by code.</summary>
    public ImmutableArray<IecProduct> Products { get; }

    /// <summary>All codings of a ValueSet (by canonical URL or by the short name after <c>/ValueSet/</c>), sorted by system and code.</summary>
    public IReadOnlyList<Coding> Expand(string valueSet) =>
        [.. ValueSet(valueSet).Codings.Select(c => new Coding(c.Key.System, c.Key.Code, c.Display))];

    /// <summary>Whether any coding of the concept is in the ValueSet.</summary>
    public bool Contains(string valueSet, CodeableConcept? concept)
    {
        if (concept is null)
        {
            return false;
        }

        var members = ValueSet(valueSet).Members;
        foreach (var coding in concept.Coding)
        {
            if (CodeKey.TryCreate(coding, out var key) && members.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the coding is in the ValueSet.</summary>
    public bool Contains(string valueSet, Coding? coding) =>
        CodeKey.TryCreate(coding, out var key) && ValueSet(valueSet).Members.Contains(key);

    /// <summary>
    /// The immune effector cell product a concept names: an <c>iec-product</c> code, a code a ConceptMap maps onto one,
    /// or else, for any other <c>iec-therapies</c> code, the unknown CAR-T product (the longer window is the safe side).
    /// <c>null</c> when the concept is not an IEC therapy.
    /// </summary>
    public IecProduct? ResolveProduct(CodeableConcept? concept)
    {
        if (concept is null)
        {
            return null;
        }

        IecProduct? classUnknown = null;
        foreach (var coding in concept.Coding)
        {
            if (!CodeKey.TryCreate(coding, out var key))
            {
                continue;
            }

            if (_products.TryGetValue(key, out var product))
            {
                return product;
            }

            if (_iecTherapies.Contains(key))
            {
                classUnknown ??= _unknownProducts[TherapyClass.CarT];
            }
        }

        return classUnknown;
    }

    /// <summary>The product that stands for "a product of this class, not known which" (<c>car-t-other</c>, <c>tce-other</c>).</summary>
    public IecProduct UnknownProduct(TherapyClass therapyClass) => _unknownProducts[therapyClass];

    /// <summary>The ASTCT grade a diagnosis code states (CodeSystem supplement property <c>astct-grade</c>); <c>null</c> when none.</summary>
    public int? AstctGrade(CodeableConcept? concept) => FirstKnown(concept, _astctGrades, out var grade) ? grade : null;

    /// <summary>
    /// The finding a value names, when it is a finding of the domain <typeparamref name="TFinding"/>: an
    /// <c>icans-finding</c> code or a local code mapped onto one. A finding of another domain gives <c>false</c>.
    /// </summary>
    public bool TryGetFinding<TFinding>(CodeableConcept? concept, out TFinding finding)
        where TFinding : struct, Enum
    {
        // Each domain has its own enum, so a code of another domain is simply not a TFinding.
        if (FirstKnown(concept, _findings, out var member) && member is TFinding typed)
        {
            finding = typed;
            return true;
        }

        finding = default;
        return false;
    }

    /// <summary>What an Observation code records: an <c>icans-observation</c> code or a local code mapped onto one.</summary>
    internal ObservationKind? ObservationKindOf(CodeableConcept? concept) =>
        FirstKnown(concept, _observationKinds, out var kind) ? kind : null;

    /// <summary>What an Observation coding records, for codes read straight from JSON (<see cref="Reading.ResourceScreen"/>).</summary>
    internal ObservationKind? ObservationKindOf(CodeKey key) =>
        _observationKinds.TryGetValue(key, out var kind) ? kind : null;

    /// <summary>Whether <see cref="ResolveProduct"/> would find an IEC therapy in a concept with this coding.</summary>
    internal bool IsIecTherapy(CodeKey key) => _products.ContainsKey(key) || _iecTherapies.Contains(key);

    /// <summary>
    /// The key of a code this terminology holds (in a ValueSet, a CodeSystem binding or a ConceptMap), found from its
    /// characters; false for any other code, which no lookup here knows (<see cref="CodeVocabulary"/>).
    /// </summary>
    internal bool TryFindCode(ReadOnlySpan<char> system, ReadOnlySpan<char> code, out CodeKey key) =>
        _vocabulary.TryFind(system, code, out key);

    /// <summary>Whether the coding is in the ValueSet.</summary>
    internal bool Contains(string valueSet, CodeKey key) => ValueSet(valueSet).Members.Contains(key);

    /// <summary>The value of the first coding of <paramref name="concept"/> that the lookup knows.</summary>
    private static bool FirstKnown<T>(CodeableConcept? concept, FrozenDictionary<CodeKey, T> lookup, out T value)
    {
        foreach (var coding in concept?.Coding ?? [])
        {
            if (CodeKey.TryCreate(coding, out var key) && lookup.TryGetValue(key, out value!))
            {
                return true;
            }
        }

        value = default!;
        return false;
    }

    private ExpandedValueSet ValueSet(string valueSet) =>
        _valueSets.TryGetValue(IcansCanonicals.ValueSetUrl(valueSet), out var expanded)
            ? expanded
            : throw new ArgumentException($"ValueSet '{valueSet}' is not loaded.", nameof(valueSet));
}
