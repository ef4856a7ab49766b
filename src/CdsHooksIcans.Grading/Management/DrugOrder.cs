namespace CdsHooksIcans.Grading.Management;

/// <summary>A medication order read from FHIR, reduced to what the checks need.</summary>
/// <param name="Reference">A relative reference such as <c>MedicationRequest/request-123</c>.</param>
/// <param name="Drug">The drug ordered.</param>
/// <param name="IsDraft">A draft being signed now (context.draftOrders), as opposed to an active order.</param>
/// <param name="RecognisedByNameOnly">The drug was recognised from its name in text/display, not from a code.</param>
/// <param name="MgPerDose">The dose in mg, when the order states it in mg or in units of a product of known strength.</param>
/// <param name="DosesPerDay">Doses in the first 24 hours from the timing (a single dose counts as one), when it states them.</param>
/// <param name="Route">The route as written (for example <c>IV</c>), when stated.</param>
/// <param name="RouteKind">The route as the checks weigh it.</param>
/// <param name="AsNeeded">Given only as needed (PRN): not a regimen.</param>
/// <param name="TotalDoses">The number of doses the order is limited to (<c>timing.repeat.count</c>), when limited.</param>
/// <param name="Unreadable">What the service could not read (for example "dose in mg/kg"), when the dose or timing is unknown.</param>
public sealed record DrugOrder(
    string Reference,
    IcansDrug Drug,
    bool IsDraft,
    bool RecognisedByNameOnly,
    decimal? MgPerDose,
    decimal? DosesPerDay,
    string? Route,
    RouteKind RouteKind = RouteKind.Unknown,
    bool AsNeeded = false,
    int? TotalDoses = null,
    string? Unreadable = null)
{
    /// <summary>mg in 24 hours, when both the dose and the frequency are known.</summary>
    public decimal? MgPerDay => MgPerDose * DosesPerDay;

    /// <summary>Whether the drug is a corticosteroid.</summary>
    public bool IsCorticosteroid => Drug is IcansDrug.Dexamethasone or IcansDrug.Methylprednisolone;

    /// <summary>
    /// Whether the order can treat ICANS as a regimen: not local and not only as needed. An unstated route is not ruled
    /// out here; the grade's route check names it.
    /// </summary>
    public bool IsRegimen => RouteKind != RouteKind.Local && !AsNeeded;
}
