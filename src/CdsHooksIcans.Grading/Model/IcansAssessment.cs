using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

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
