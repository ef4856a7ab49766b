namespace CdsHooksIcans.Clinical.Orders;

/// <summary>One clinical drug (RxNorm SCD/SBD): its strength per unit and its dose form.</summary>
/// <param name="Code">The product's code.</param>
/// <param name="Name">The product's name, for example "dexamethasone 4 MG Oral Tablet".</param>
/// <param name="MgPerUnit">mg of the active ingredient per unit (tablet, capsule, injection) or per mL.</param>
/// <param name="PerMilliliter">The strength is per mL (a solution), so a dose in mL converts; otherwise per unit of product.</param>
/// <param name="DoseForm">The dose form, for example "Oral Tablet".</param>
public sealed record DrugProduct(string Code, string Name, decimal MgPerUnit, bool PerMilliliter, string DoseForm)
{
    /// <summary>The unit the strength is given per, for people.</summary>
    public string Unit => PerMilliliter ? "mL" : "unit";
}
