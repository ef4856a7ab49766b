using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

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
