using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

/// <summary>The ICANS course of one patient: the therapy, day 0, the cognitive tool, and the grade at each assessment time.</summary>
/// <param name="Therapy">The most recent exposure at the time of the course, when any.</param>
/// <param name="FirstInfusion">The earliest dated exposure (day 0), when any.</param>
/// <param name="Tool">The cognitive tool the age calls for at the time of the course (ICE, or CAPD under 12).</param>
/// <param name="Points">One point per distinct assessment time, earliest first.</param>
public sealed record IcansCourse(IecExposure? Therapy, DateTimeOffset? FirstInfusion, IcansDomain Tool, ImmutableArray<CoursePoint> Points)
{
    /// <summary>Fractional days since <see cref="FirstInfusion"/> (5.25 is day 5, 06:00 after the infusion time), rounded to 0.01; null without day 0.</summary>
    public double? DayOf(DateTimeOffset time) =>
        FirstInfusion is { } first ? Math.Round((time - first).TotalDays, 2, MidpointRounding.AwayFromZero) : null;
}
