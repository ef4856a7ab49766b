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

/// <summary>The state of one domain at the time of grading.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Grade">The grade this domain contributes; <c>null</c> when it has no current value.</param>
/// <param name="Finding">A short machine-readable statement of the finding, for example <c>ICE 2/10</c>, <c>ICE not done</c>, <c>CAPD 12</c> or <c>focal-edema</c>.</param>
/// <param name="AttributedToOtherCause">The current finding is attributed to another cause and does not count.</param>
/// <param name="Evidence">The observations behind this domain's state.</param>
public sealed record DomainState(
    IcansDomain Domain,
    int? Grade,
    string? Finding,
    bool AttributedToOtherCause,
    ImmutableArray<Provenance> Evidence);

/// <summary>Concurrent cytokine release syndrome.</summary>
/// <param name="Present">CRS grade 1 or more is current.</param>
/// <param name="Grade">The current CRS grade, when known.</param>
/// <param name="Evidence">The observations and conditions behind it.</param>
public sealed record CrsState(bool Present, int? Grade, ImmutableArray<Provenance> Evidence)
{
    /// <summary>No CRS data at all.</summary>
    public static CrsState Unknown { get; } = new(false, null, []);
}

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
    /// <summary>All evidence behind the current state, without duplicates, in domain order.</summary>
    public ImmutableArray<Provenance> Evidence =>
        [.. Domains.SelectMany(d => d.Evidence).Distinct()];
}
