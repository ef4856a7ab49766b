using CdsHooksIcans.Grading.Management;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>A dose of an ICANS drug that was given: what the course shows beside the grades.</summary>
/// <param name="Drug">The drug, recognised as the order checks recognise it.</param>
/// <param name="Time">When it was given (effective[x], a period's start).</param>
/// <param name="Reference">The MedicationAdministration, for example <c>MedicationAdministration/dex-1</c>.</param>
/// <param name="Dose">A short dose for people, for example <c>10 mg IV</c>, when the record states one.</param>
public sealed record DrugAdministration(IcansDrug Drug, DateTimeOffset Time, string Reference, string? Dose);
