namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>Canonical URLs of the project's own terminology: the only terminology strings the code knows.</summary>
public static class IcansCanonicals
{
    private const string CodeSystemBase = IcansTerminology.CanonicalBase + "/CodeSystem/";
    private const string ValueSetBase = IcansTerminology.CanonicalBase + "/ValueSet/";

    public const string IcansObservationSystem = CodeSystemBase + "icans-observation";
    public const string IcansFindingSystem = CodeSystemBase + "icans-finding";
    public const string IecProductSystem = CodeSystemBase + "iec-product";

    public const string IecTherapies = ValueSetBase + "iec-therapies";
    public const string CarTAdministration = ValueSetBase + "car-t-administration";
    public const string IcansObservations = ValueSetBase + "icans-observations";
    public const string CrsConditions = ValueSetBase + "crs-conditions";
    public const string IcansConditions = ValueSetBase + "icans-conditions";
    public const string CarTHistory = ValueSetBase + "car-t-history";
    public const string Dexamethasone = ValueSetBase + "dexamethasone";
    public const string Methylprednisolone = ValueSetBase + "methylprednisolone";
    public const string Tocilizumab = ValueSetBase + "tocilizumab";
    public const string Levetiracetam = ValueSetBase + "levetiracetam";
    public const string Anakinra = ValueSetBase + "anakinra";
    public const string Corticosteroids = ValueSetBase + "corticosteroids";
    public const string AntiseizureDrugs = ValueSetBase + "antiseizure-drugs";
    public const string LateNeurotoxicityConditions = ValueSetBase + "late-neurotoxicity-conditions";
    public const string LateNeurotoxicityFindings = ValueSetBase + "late-neurotoxicity-findings";
    public const string MotorFindings = ValueSetBase + "motor-findings";

    /// <summary>The ValueSets the service relies on; start-up fails when one is missing.</summary>
    public static IReadOnlyList<string> RequiredValueSets { get; } =
    [
        IecTherapies, CarTAdministration, IcansObservations, CrsConditions, IcansConditions, CarTHistory,
        Dexamethasone, Methylprednisolone, Tocilizumab, Levetiracetam, Anakinra, Corticosteroids, AntiseizureDrugs, LateNeurotoxicityConditions, LateNeurotoxicityFindings, MotorFindings,
    ];

    /// <summary>The canonical URL of a ValueSet given either its URL or its short name (after <c>/ValueSet/</c>).</summary>
    public static string ValueSetUrl(string urlOrName) =>
        urlOrName.Contains('/', StringComparison.Ordinal) ? urlOrName : ValueSetBase + urlOrName;
}
