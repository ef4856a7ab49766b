using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;

namespace CdsHooksIcans.Grading;

/// <summary>
/// The chart as a course: <see cref="IcansGrader.Assess"/> at every time a graded domain was charted, each from what was
/// charted up to that moment. Pure, like the grader.
/// </summary>
public static class IcansCourseGrader
{
    /// <summary>Grades the course of <paramref name="findings"/> as it stands at <paramref name="now"/>.</summary>
    /// <param name="findings">Everything known about the patient; collections may be in any order.</param>
    /// <param name="now">The time of the course: assessment times later than now (beyond the clock tolerance) are left out, as the grader leaves them out.</param>
    /// <param name="options">Windows and thresholds; <see cref="GradingOptions.Default"/> when omitted.</param>
    /// <remarks>
    /// Each point is graded with <see cref="GradingOptions.FutureTolerance"/> zero, so an observation charted a minute after
    /// a point never shows in that point's grade.
    /// </remarks>
    public static IcansCourse Assess(PatientFindings findings, DateTimeOffset now, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        options ??= GradingOptions.Default;

        var atPoint = options with { FutureTolerance = TimeSpan.Zero };
        var latest = now + options.FutureTolerance;
        var points = AssessmentTimes(findings)
            .Where(t => t <= latest)
            .Select(t => new CoursePoint(t, IcansGrader.Assess(findings, t, atPoint)))
            .ToList();

        var therapy = MonitoringWindows.Evaluate(findings.Exposures, now, options);
        var tool = CognitiveDomain.PreferredTool(CognitiveDomain.AgeInYears(findings.BirthDate, now), options);
        return new IcansCourse(therapy.Therapy, therapy.FirstInfusion, tool, [.. points]);
    }

    /// <summary>The distinct times at which a graded domain was charted, earliest first.</summary>
    public static IEnumerable<DateTimeOffset> AssessmentTimes(PatientFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Ice.Select(o => o.Source.Time)
            .Concat(findings.Capd.Select(o => o.Source.Time))
            .Concat(findings.Consciousness.Select(o => o.Source.Time))
            .Concat(findings.Seizures.Select(o => o.Source.Time))
            .Concat(findings.Motor.Select(o => o.Source.Time))
            .Concat(findings.IcpEdema.Select(o => o.Source.Time))
            .Distinct()
            .Order();
    }
}
