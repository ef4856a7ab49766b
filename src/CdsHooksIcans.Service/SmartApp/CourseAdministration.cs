namespace CdsHooksIcans.Service.SmartApp;

/// <summary>A dose of dexamethasone, methylprednisolone or tocilizumab that was given.</summary>
/// <param name="Time">When it was given.</param>
/// <param name="Day">Fractional days since the first infusion; null when no infusion is dated.</param>
/// <param name="Drug"><c>dexamethasone</c>, <c>methylprednisolone</c> or <c>tocilizumab</c>.</param>
/// <param name="Dose">A short dose text, for example <c>10 mg IV</c>, when the record states one.</param>
/// <param name="Reference">The MedicationAdministration.</param>
public sealed record CourseAdministration(DateTimeOffset Time, double? Day, string Drug, string? Dose, string Reference);
