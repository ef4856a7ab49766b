namespace CdsHooksIcans.Grading.Model;

/// <summary>One observed value with its provenance.</summary>
/// <typeparam name="T">The value type of the observation.</typeparam>
/// <param name="Value">The observed value.</param>
/// <param name="Source">The resource the value was read from.</param>
/// <param name="AttributedToOtherCause">
/// <c>true</c> when the clinician attributes the finding to another cause; it is then assessed and contributes 0 to the
/// ICANS grade.
/// </param>
/// <param name="Comment">
/// What the chart says about the entry, when it says anything: the cause a finding is attributed to, or why an
/// assessment was not done. Shown to the clinician; never used to grade.
/// </param>
public sealed record Observed<T>(T Value, Provenance Source, bool AttributedToOtherCause = false, string? Comment = null);
