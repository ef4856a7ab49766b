using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Management;

/// <summary>ICE/CAPD at least twice daily during monitoring (ASCO 2021): an assessment older than the interval is overdue.</summary>
public static class CognitiveAssessmentSchedule
{
    /// <summary>The interval after which the next ICE/CAPD is due. <value>12 hours.</value></summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The time of the most recent ICE or CAPD performed in the assessment window, or null when there is none: an attempt
    /// that was not done is not an assessment.
    /// </summary>
    public static DateTimeOffset? LastAssessment(IcansAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.Domains
            .Where(d => d.Domain is IcansDomain.Ice or IcansDomain.Capd)
            .SelectMany(d => d.Trail)
            .Where(e => e.Role is EvidenceRole.Counts or EvidenceRole.AttributedToOtherCause or EvidenceRole.Superseded)
            .Select(e => (DateTimeOffset?)e.Source.Time)
            .Max();
    }

    /// <summary>Whether a patient inside a monitoring window has had no ICE/CAPD within <see cref="Interval"/> of <paramref name="now"/>.</summary>
    public static bool IsOverdue(IcansAssessment assessment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.Monitoring == MonitoringState.InWindow
            && (LastAssessment(assessment) is not { } last || now - last > Interval);
    }
}
