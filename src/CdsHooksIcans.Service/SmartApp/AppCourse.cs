using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>
/// What <see cref="CourseEndpoint"/> answers: everything the app's chart and table show, already graded and named, so the
/// browser holds no clinical rule or code.
/// </summary>
/// <param name="Therapy">The most recent IEC therapy, when any.</param>
/// <param name="FirstInfusion">Day 0: the first dated infusion or dose, when any.</param>
/// <param name="Tool">The cognitive tool the age calls for: <c>ice</c>, or <c>capd</c> under 12.</param>
/// <param name="Current">The grading now, the same object <c>/app/api/grade</c> answers.</param>
/// <param name="Assessments">One point per distinct assessment time, earliest first, each graded from what was charted up to then.</param>
/// <param name="RecordedGrades">ICANS grades recorded in the chart (icans-grade Observations, G92.0x Conditions), earliest first.</param>
/// <param name="CrsGrades">CRS grades (crs-grade Observations, dated D89.83x Conditions), earliest first.</param>
/// <param name="Administrations">Corticosteroids and tocilizumab given, earliest first.</param>
public sealed record AppCourse(
    CourseTherapy? Therapy,
    DateTimeOffset? FirstInfusion,
    string Tool,
    GradingExtension Current,
    IReadOnlyList<CourseAssessment> Assessments,
    IReadOnlyList<CourseGrade> RecordedGrades,
    IReadOnlyList<CourseGrade> CrsGrades,
    IReadOnlyList<CourseAdministration> Administrations)
{
    /// <summary>The answer for a graded course, the patient's findings and the drugs given.</summary>
    public static AppCourse From(IcansCourse course, IcansAssessment current, PatientFindings findings, IEnumerable<DrugAdministration> given)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(given);
        return new AppCourse(
            course.Therapy is { } therapy ? new CourseTherapy(therapy.Product.Code, therapy.Product.Display) : null,
            course.FirstInfusion,
            GradingCard.DomainName(course.Tool),
            GradingCard.Extension(current),
            [.. course.Points.Select(p => Point(course, p, findings))],
            [.. findings.PriorIcansGrades
                .OrderBy(g => g.Source.Time).ThenBy(g => g.Source.Reference, StringComparer.Ordinal)
                .Select(g => new CourseGrade(g.Source.Time, course.DayOf(g.Source.Time), g.Value, g.Source.Reference))],
            [.. findings.CrsGrades.Select(g => new CourseGrade(g.Source.Time, course.DayOf(g.Source.Time), g.Value, g.Source.Reference))
                .Concat(findings.CrsDiagnoses.Where(d => d.Time is not null)
                    .Select(d => new CourseGrade(d.Time!.Value, course.DayOf(d.Time.Value), d.Grade, d.Source)))
                .OrderBy(g => g.Time).ThenBy(g => g.Reference, StringComparer.Ordinal)],
            [.. given.Select(g => new CourseAdministration(g.Time, course.DayOf(g.Time), g.Drug.ToString().ToLowerInvariant(), g.Dose, g.Reference))]);
    }

    private static CourseAssessment Point(IcansCourse course, CoursePoint point, PatientFindings findings)
    {
        // At one time, a performed score before an attempt not done, and the worse of two scores: a tie never under-grades.
        var ice = findings.Ice.Where(o => o.Source.Time == point.Time).OrderBy(o => o.Value ?? int.MaxValue).ThenBy(o => o.Source.Reference, StringComparer.Ordinal).FirstOrDefault();
        var capd = findings.Capd.Where(o => o.Source.Time == point.Time).OrderByDescending(o => o.Value ?? int.MinValue).ThenBy(o => o.Source.Reference, StringComparer.Ordinal).FirstOrDefault();
        var notDone = new[] { ice, capd }.FirstOrDefault(o => o is { Value: null });
        return new CourseAssessment(
            point.Time,
            course.DayOf(point.Time),
            ice?.Value,
            capd?.Value,
            notDone is null ? null : true,
            notDone?.Comment,
            GradingCard.Extension(point.Assessment));
    }
}
