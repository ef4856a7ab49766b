namespace CdsHooksIcans.Grading.Model;

/// <summary>A CRS diagnosis from the problem list (ICD-10-CM D89.83x).</summary>
/// <param name="Grade">The grade the code states, or <c>null</c> for grade unspecified.</param>
/// <param name="Active">clinicalStatus is active or recurrence.</param>
/// <param name="Source">The Condition, for example <c>Condition/crs-1</c>.</param>
/// <param name="Time">Onset, or else recorded date, when the Condition states one.</param>
public sealed record CrsDiagnosis(int? Grade, bool Active, string Source, DateTimeOffset? Time);
