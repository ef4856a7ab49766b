namespace CdsHooksIcans.Grading.Model;

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
