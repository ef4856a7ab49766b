namespace CdsHooksIcans.Grading.Model;

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
