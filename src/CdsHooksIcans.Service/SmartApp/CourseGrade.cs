namespace CdsHooksIcans.Service.SmartApp;

/// <summary>A grade recorded in the chart (ICANS or CRS): history beside the computed course, never part of it.</summary>
/// <param name="Time">The time it describes.</param>
/// <param name="Day">Fractional days since the first infusion; null when no infusion is dated.</param>
/// <param name="Grade">The ASTCT grade; null when the record gives none (a diagnosis of grade unspecified).</param>
/// <param name="Reference">The Observation or Condition, for example <c>Observation/grade-1</c>.</param>
public sealed record CourseGrade(DateTimeOffset Time, double? Day, int? Grade, string Reference);
