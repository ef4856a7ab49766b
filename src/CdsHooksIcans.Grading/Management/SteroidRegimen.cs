namespace CdsHooksIcans.Grading.Management;

/// <summary>A corticosteroid regimen: drug, mg per dose, doses per 24 hours and route.</summary>
/// <param name="Drug">Dexamethasone or methylprednisolone.</param>
/// <param name="MgPerDose">mg per dose.</param>
/// <param name="DosesPerDay">Doses per 24 hours.</param>
/// <param name="Route">Route, for example <c>IV</c>.</param>
/// <param name="TotalDoses">The number of doses when the regimen is limited (a single dose is 1).</param>
public sealed record SteroidRegimen(IcansDrug Drug, decimal MgPerDose, decimal DosesPerDay, string Route, int? TotalDoses = null)
{
    /// <summary>mg per 24 hours.</summary>
    public decimal MgPerDay => MgPerDose * DosesPerDay;
}
