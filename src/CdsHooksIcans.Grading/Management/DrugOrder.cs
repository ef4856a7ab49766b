namespace CdsHooksIcans.Grading.Management;

/// <summary>The drugs the ICANS order checks care about.</summary>
public enum IcansDrug
{
    /// <summary>Dexamethasone (corticosteroid).</summary>
    Dexamethasone,
    /// <summary>Methylprednisolone (corticosteroid).</summary>
    Methylprednisolone,
    /// <summary>Tocilizumab (anti-IL-6 receptor; for CRS, not for isolated ICANS).</summary>
    Tocilizumab,
    /// <summary>An antiseizure drug (levetiracetam or another of the antiseizure ValueSet).</summary>
    Antiseizure,
    /// <summary>Anakinra (second-line for refractory ICANS).</summary>
    Anakinra,
}

/// <summary>A medication order read from FHIR, reduced to what the checks need.</summary>
/// <param name="Reference">A relative reference such as <c>MedicationRequest/request-123</c>.</param>
/// <param name="Drug">The drug ordered.</param>
/// <param name="IsDraft">A draft being signed now (context.draftOrders), as opposed to an active order.</param>
/// <param name="RecognisedByNameOnly">The drug was recognised from its name in text/display, not from a code.</param>
/// <param name="MgPerDose">The dose in mg, when the order states it in a mass unit.</param>
/// <param name="DosesPerDay">Doses per 24 hours from the timing, when it states one (a single dose counts as one).</param>
/// <param name="Route">The route as written (for example <c>IV</c>), when stated.</param>
public sealed record DrugOrder(
    string Reference,
    IcansDrug Drug,
    bool IsDraft,
    bool RecognisedByNameOnly,
    decimal? MgPerDose,
    decimal? DosesPerDay,
    string? Route)
{
    /// <summary>mg per 24 hours, when both the dose and the frequency are known.</summary>
    public decimal? MgPerDay => MgPerDose * DosesPerDay;

    /// <summary>Whether the drug is a corticosteroid.</summary>
    public bool IsCorticosteroid => Drug is IcansDrug.Dexamethasone or IcansDrug.Methylprednisolone;
}
