namespace CdsHooksIcans.Grading.Model;

/// <summary>One assessment time of the course and the grading the chart gave at that moment.</summary>
/// <param name="Time">When a graded domain was charted (ICE, CAPD, consciousness, seizure, motor, ICP/edema).</param>
/// <param name="Assessment">The assessment at <paramref name="Time"/>, from what was charted up to then and nothing later.</param>
public sealed record CoursePoint(DateTimeOffset Time, IcansAssessment Assessment);
