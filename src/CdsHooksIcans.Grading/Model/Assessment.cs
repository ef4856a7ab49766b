using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

/// <summary>Where the patient stands against the monitoring windows of their therapies.</summary>
public enum MonitoringState
{
    /// <summary>No immune effector cell therapy is recorded.</summary>
    NotIecPatient,
    /// <summary>Inside the ICANS monitoring window of at least one therapy.</summary>
    InWindow,
    /// <summary>After the window of a BCMA CAR-T, inside the late neurotoxicity watch.</summary>
    LateWatch,
    /// <summary>Outside every window.</summary>
    OutsideWindow,
    /// <summary>A history of therapy is recorded but no infusion date is known.</summary>
    InfusionDateUnknown,
}

/// <summary>Whether the engine could give a grade.</summary>
public enum GradingStatus
{
    /// <summary>The data determine the grade.</summary>
    Graded,
    /// <summary>Data are missing; only a lower bound is known. Never reported as grade 0.</summary>
    Incomplete,
}

/// <summary>Why an observation is part of a domain's state: the roles of the evidence trail.</summary>
public enum EvidenceRole
{
    /// <summary>The current value of a scale, or a current finding that counts (the worst of them gives the grade).</summary>
    Counts,
    /// <summary>A current finding attributed to another cause: assessed, contributes 0.</summary>
    AttributedToOtherCause,
    /// <summary>The newest ICE or CAPD attempt, not done: the cognitive domain has no current value.</summary>
    NotDone,
    /// <summary>A performed score older than the newest attempt, which was not done: no longer the current state.</summary>
    Superseded,
    /// <summary>An abnormal finding that a later entry of the domain's normal code charted as resolved.</summary>
    Resolved,
    /// <summary>The entry of the domain's normal code that charted a finding's resolution.</summary>
    Resolution,
    /// <summary>A later entry of a code that never grades (tremor, intracranial hemorrhage): it does not clear a finding.</summary>
    NotResolving,
    /// <summary>An observation of another domain the grade rests on: the unarousable state behind ICE or CAPD grade 4.</summary>
    Corroborates,
}

/// <summary>One observation in a domain's evidence trail.</summary>
/// <param name="Role">What the observation did to the domain's state.</param>
/// <param name="Finding">Its short machine-readable finding, for example <c>ICE 2/10</c>, <c>ICE not done</c> or <c>hemiparesis</c>.</param>
/// <param name="Grade">The grade the ASTCT cell gives the finding itself (0 for a score not done).</param>
/// <param name="Source">The observation.</param>
/// <param name="Comment">What the chart says about it: the other cause, or why it was not done.</param>
/// <param name="ResolvedBy">For <see cref="EvidenceRole.Resolved"/>: the entry that charted the resolution.</param>
public sealed record DomainEvidence(
    EvidenceRole Role,
    string Finding,
    int Grade,
    Provenance Source,
    string? Comment = null,
    Provenance? ResolvedBy = null);

/// <summary>The state of one domain at the time of grading, read from the chart as a time series.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Grade">
/// The grade this domain contributes; <c>null</c> when it has no current value (no observation, or an ICE/CAPD whose
/// newest attempt was not done). A finding attributed to another cause is assessed: it contributes 0.
/// </param>
/// <param name="Finding">A short machine-readable statement of the current state, for example <c>ICE 2/10</c>, <c>ICE not done</c>, <c>CAPD 12</c> or <c>focal-edema</c>.</param>
/// <param name="Trail">Every observation that shaped the state, with its role, most relevant first.</param>
public sealed record DomainState(
    IcansDomain Domain,
    int? Grade,
    string? Finding,
    ImmutableArray<DomainEvidence> Trail)
{
    private readonly ImmutableArray<DomainEvidence> _trail = Trail;

    /// <summary>Every observation that shaped the state, with its role, most relevant first.</summary>
    public ImmutableArray<DomainEvidence> Trail
    {
        get => _trail;
        init
        {
            _trail = value;
            Evidence = EvidenceOf(value);
        }
    }

    /// <summary>
    /// The observations that decided the state: what counts, what was attributed, the newest attempt when it was not
    /// done, the unarousable state behind a cognitive grade 4, and the entry that charted a finding's resolution.
    /// </summary>
    // Derived once, with the trail: the card reads it several times per call.
    public ImmutableArray<Provenance> Evidence { get; private init; } = EvidenceOf(Trail);

    private static ImmutableArray<Provenance> EvidenceOf(ImmutableArray<DomainEvidence> trail) =>
        [.. trail.Where(e => e.Role is not (EvidenceRole.Resolved or EvidenceRole.Superseded or EvidenceRole.NotResolving))
            .Select(e => e.Source).Distinct()];

    /// <summary>The current state is a finding attributed to another cause: the domain contributes 0 because of it.</summary>
    public bool AttributedToOtherCause =>
        Trail.Any(e => e.Role == EvidenceRole.AttributedToOtherCause) && !Trail.Any(e => e.Role == EvidenceRole.Counts);

    /// <summary>The current findings attributed to another cause, most severe first.</summary>
    public IEnumerable<DomainEvidence> Excluded => Trail.Where(e => e.Role == EvidenceRole.AttributedToOtherCause);

    /// <summary>The newest ICE/CAPD attempt, when it was not done.</summary>
    public DomainEvidence? NotDone => Trail.FirstOrDefault(e => e.Role == EvidenceRole.NotDone);
}

/// <summary>Whether concurrent CRS is documented: three values, because a chart without CRS data is not a chart without CRS.</summary>
public enum CrsStatus
{
    /// <summary>No current CRS grade and no CRS diagnosis dated in the current window: CRS may simply be uncharted.</summary>
    Unknown,
    /// <summary>CRS grade 1 or more is current.</summary>
    Present,
    /// <summary>The most recent CRS grade in the assessment window is 0.</summary>
    Absent,
}

/// <summary>Concurrent cytokine release syndrome.</summary>
/// <param name="Status">Present, absent (graded 0) or unknown (not charted).</param>
/// <param name="Grade">The current CRS grade, when known.</param>
/// <param name="Evidence">The observations and conditions behind it.</param>
public sealed record CrsState(CrsStatus Status, int? Grade, ImmutableArray<Provenance> Evidence)
{
    /// <summary>No current CRS data.</summary>
    public static CrsState Unknown { get; } = new(CrsStatus.Unknown, null, []);

    /// <summary>CRS grade 1 or more is current.</summary>
    public bool Present => Status == CrsStatus.Present;
}

/// <summary>What a late neurotoxicity sign belongs to; the card's work-up follows it.</summary>
public enum LateNeurotoxicityGroup
{
    /// <summary>Movement and neurocognitive toxicity: parkinsonism and its signs (tremor, micrographia, bradykinesia, gait, personality change).</summary>
    MovementAndNeurocognitive,
    /// <summary>Guillain-Barre syndrome.</summary>
    GuillainBarreSyndrome,
    /// <summary>Cranial nerve palsy other than VI (mostly facial).</summary>
    CranialNervePalsy,
    /// <summary>Peripheral neuropathy.</summary>
    PeripheralNeuropathy,
}

/// <summary>A current late neurotoxicity sign after BCMA CAR-T, with where it was charted. It never changes the ICANS grade.</summary>
/// <param name="Finding">The <c>icans-finding</c> code, for example <c>parkinsonism</c>, or <c>tremor</c> from the motor domain.</param>
/// <param name="Group">What it belongs to.</param>
/// <param name="Source">The Observation or Condition and the time it describes.</param>
public sealed record LateNeurotoxicitySign(string Finding, LateNeurotoxicityGroup Group, Provenance Source);

/// <summary>The ICANS assessment of one patient at one moment.</summary>
/// <param name="Monitoring">Where the patient stands against the monitoring windows.</param>
/// <param name="ShowGradingCard">
/// <c>true</c> when a grading card is due: inside a window, or outside with a current abnormal finding (late onset).
/// </param>
/// <param name="LateOnset">Outside every window but with a current abnormal finding.</param>
/// <param name="Status">Graded, or incomplete with a lower bound.</param>
/// <param name="Grade">The ASTCT ICANS grade 0-4 when graded.</param>
/// <param name="LowerBound">The grade, or the known minimum when incomplete.</param>
/// <param name="CognitiveTool">The cognitive domain in use (ICE, or CAPD for children under 12).</param>
/// <param name="AgeYears">Age in whole years at the time of grading, when the birth date is known.</param>
/// <param name="Domains">The state of every domain, in ASTCT order.</param>
/// <param name="DrivingDomains">The domains whose grade equals the overall grade (empty at grade 0).</param>
/// <param name="MissingDomains">Domains with no current value that keep the grade from being determined.</param>
/// <param name="Crs">Concurrent CRS.</param>
/// <param name="Therapy">The most recent exposure, when any.</param>
/// <param name="DaysSinceInfusion">Whole days since the most recent infusion or dose, when its date is known.</param>
/// <param name="PriorGrades">ICANS grades recorded earlier, most recent first: history, never the current grade.</param>
public sealed record IcansAssessment(
    MonitoringState Monitoring,
    bool ShowGradingCard,
    bool LateOnset,
    GradingStatus Status,
    int? Grade,
    int LowerBound,
    IcansDomain CognitiveTool,
    int? AgeYears,
    ImmutableArray<DomainState> Domains,
    ImmutableArray<IcansDomain> DrivingDomains,
    ImmutableArray<IcansDomain> MissingDomains,
    CrsState Crs,
    IecExposure? Therapy,
    int? DaysSinceInfusion,
    ImmutableArray<Observed<int?>> PriorGrades)
{
    /// <summary>
    /// The current late neurotoxicity signs after BCMA CAR-T, most recent first (<see cref="Rules.LateNeurotoxicityWatch"/>).
    /// Carried beside the grade, never part of it: empty outside the watch or without a BCMA CAR-T infusion.
    /// </summary>
    public ImmutableArray<LateNeurotoxicitySign> LateNeurotoxicity { get; init; } = [];

    /// <summary>All evidence behind the current state, without duplicates, in domain order.</summary>
    public ImmutableArray<Provenance> Evidence =>
        [.. Domains.SelectMany(d => d.Evidence).Distinct()];
}
