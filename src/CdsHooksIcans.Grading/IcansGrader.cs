using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;

namespace CdsHooksIcans.Grading;

/// <summary>
/// ASTCT 2019 ICANS grading of one patient at one moment. Pure: the same findings and time always give the same
/// assessment, whatever the order of the items in the collections.
/// </summary>
public static class IcansGrader
{
    /// <summary>Assesses the findings at <paramref name="now"/>.</summary>
    /// <param name="findings">Everything known about the patient; collections may be in any order.</param>
    /// <param name="now">The time of grading.</param>
    /// <param name="options">Windows and thresholds; <see cref="GradingOptions.Default"/> when omitted.</param>
    public static IcansAssessment Assess(PatientFindings findings, DateTimeOffset now, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        options ??= GradingOptions.Default;

        var therapy = MonitoringWindows.Evaluate(findings.Exposures, now, options);
        var window = ObservationWindow.At(now, therapy.FirstInfusion, options);

        var iceInWindow = window.Select(findings.Ice);
        var capdInWindow = window.Select(findings.Capd);
        var consciousnessInWindow = window.Select(findings.Consciousness);
        var seizuresInWindow = window.Select(findings.Seizures);
        var motorInWindow = window.Select(findings.Motor);
        var icpEdemaInWindow = window.Select(findings.IcpEdema);

        var unarousable = CognitiveDomain.Unarousable(consciousnessInWindow);
        var ice = CognitiveDomain.Ice(iceInWindow, unarousable);
        var capd = CognitiveDomain.Capd(capdInWindow, unarousable);

        var age = CognitiveDomain.AgeInYears(findings.BirthDate, now);
        var cognitive = CognitiveDomain.PreferredTool(age, options) == IcansDomain.Ice
            ? CognitiveDomain.Select(ice, capd)
            : CognitiveDomain.Select(capd, ice);

        ImmutableArray<DomainState> domains =
        [
            cognitive,
            DomainEvaluation.Consciousness(consciousnessInWindow),
            DomainEvaluation.Seizure(seizuresInWindow),
            DomainEvaluation.Motor(motorInWindow),
            DomainEvaluation.IcpEdema(icpEdemaInWindow),
        ];
        var overall = OverallGrade.Combine(domains, cognitive.Domain);

        var anyDomainObserved = !iceInWindow.IsEmpty || !capdInWindow.IsEmpty || !consciousnessInWindow.IsEmpty
            || !seizuresInWindow.IsEmpty || !motorInWindow.IsEmpty || !icpEdemaInWindow.IsEmpty;
        var (showCard, lateOnset) = GradingCardRule.Evaluate(therapy.State, overall.LowerBound, anyDomainObserved);

        return new IcansAssessment(
            therapy.State,
            showCard,
            lateOnset,
            overall.Status,
            overall.Grade,
            overall.LowerBound,
            cognitive.Domain,
            age,
            domains,
            overall.DrivingDomains,
            overall.MissingDomains,
            CrsEvaluation.Evaluate(
                findings.CrsGrades,
                findings.CrsDiagnoses,
                window,
                CrsEvaluation.CourseStart(therapy.FirstInfusion, therapy.Therapy?.Product.Class == TherapyClass.TCellEngager ? options.TCellEngagerWindow : options.CarTWindow, now),
                now),
            therapy.Therapy,
            therapy.DaysSinceInfusion,
            [.. findings.PriorIcansGrades
                .OrderByDescending(g => g.Source.Time)
                .ThenBy(g => g.Source.Reference, StringComparer.Ordinal)
                .ThenBy(g => g.Value)])
        {
            // Beside the grade, never in it: these are not ASTCT domains.
            LateNeurotoxicity = LateNeurotoxicityWatch.Signs(findings, now, options),
        };
    }
}
