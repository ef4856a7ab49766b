using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The cognitive (encephalopathy) domain: ICE from age 12, CAPD below. The most recent attempt in the window is the
/// current state (data contract v2): a newer attempt that was not done is not covered by an older score, and gives
/// grade 4 when the patient is unarousable, else no value.
/// </summary>
public static class CognitiveDomain
{
    /// <summary>Age in whole years on the calendar date of <paramref name="when"/> (in its own offset); a birthday counts from its first day.</summary>
    public static int? AgeInYears(DateOnly? birthDate, DateTimeOffset when)
    {
        if (birthDate is not { } birth)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(when.DateTime);
        var age = today.Year - birth.Year;
        if (today < birth.AddYears(age))
        {
            age--;
        }
        return Math.Max(0, age);
    }

    /// <summary>The tool the age calls for: CAPD under <see cref="GradingOptions.IceFromAgeYears"/>, otherwise (and when the age is unknown) ICE.</summary>
    public static IcansDomain PreferredTool(int? ageYears, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ageYears < options.IceFromAgeYears ? IcansDomain.Capd : IcansDomain.Ice;
    }

    /// <summary>
    /// The domain in use: the preferred one, unless it has no current value and the other tool has one taken no earlier
    /// than the preferred tool's newest attempt (CAPD in an older patient with developmental delay, ICE in a child). A
    /// preferred assessment attributed to another cause has a value (0), so attribution can never bring in a worse score
    /// from the other tool; an older score of the other tool never covers a newer attempt that was not done.
    /// </summary>
    public static DomainState Select(DomainState preferred, DomainState other)
    {
        ArgumentNullException.ThrowIfNull(preferred);
        ArgumentNullException.ThrowIfNull(other);
        return preferred.Grade is null && other.Grade is not null
            && (preferred.NotDone is not { } notDone || other.Trail[0].Source.Time >= notDone.Source.Time)
                ? other
                : preferred;
    }

    /// <summary>
    /// The current, ICANS-attributable level of consciousness when it is unarousable. An unarousable state attributed to
    /// another cause (for example sedation) does not make ICE 0 or a missed assessment grade 4.
    /// </summary>
    public static Observed<ConsciousnessLevel>? Unarousable(IEnumerable<Observed<ConsciousnessLevel>> inWindow) =>
        DomainEvaluation.Current(inWindow, AstctCells.Consciousness) is
            { AttributedToOtherCause: false, Value: ConsciousnessLevel.Unarousable } current ? current : null;

    /// <summary>ICE domain from the ICE totals in the window.</summary>
    /// <param name="inWindow">ICE totals; a <c>null</c> value is an assessment that was not done.</param>
    /// <param name="unarousable">The current unarousable observation, see <see cref="Unarousable"/>.</param>
    public static DomainState Ice(IEnumerable<Observed<int?>> inWindow, Observed<ConsciousnessLevel>? unarousable) =>
        Evaluate(IcansDomain.Ice, inWindow, AstctCells.IceMaximum, score => AstctCells.IceMaximum - score,
            (score, isUnarousable) => AstctCells.Ice(score, isUnarousable), AstctCells.IceText, unarousable);

    /// <summary>CAPD domain from the CAPD totals in the window.</summary>
    /// <param name="inWindow">CAPD totals; a <c>null</c> value is an assessment that was not done.</param>
    /// <param name="unarousable">The current unarousable observation, see <see cref="Unarousable"/>.</param>
    public static DomainState Capd(IEnumerable<Observed<int?>> inWindow, Observed<ConsciousnessLevel>? unarousable) =>
        Evaluate(IcansDomain.Capd, inWindow, AstctCells.CapdMaximum, score => score,
            (score, _) => AstctCells.Capd(score), AstctCells.CapdText, unarousable);

    /// <summary>
    /// A scale: the most recent attempt is the current state. A performed score is graded (0 when attributed to another
    /// cause); an attempt not done leaves the domain without a value, unless the patient is unarousable (grade 4), and the
    /// last performed score before it stays on the trail as superseded.
    /// </summary>
    private static DomainState Evaluate(
        IcansDomain domain,
        IEnumerable<Observed<int?>> inWindow,
        int maximum,
        Func<int, int> severity,
        Func<int, bool, int> grade,
        Func<int?, string> text,
        Observed<ConsciousnessLevel>? unarousable)
    {
        // An out-of-range total is a data error: it is not evidence of anything, so it is left out rather than guessed at.
        var valid = inWindow.Where(o => o.Value is not int score || (score >= 0 && score <= maximum)).ToList();
        if (MostRecentFirst(valid, severity).FirstOrDefault() is not { } current)
        {
            return DomainEvaluation.NoData(domain);
        }

        var isUnarousable = unarousable is not null;
        int Cell(Observed<int?> o) => grade(o.Value!.Value, isUnarousable);
        DomainEvidence Entry(EvidenceRole role, Observed<int?> o) => new(role, text(o.Value), o.Value is null ? 0 : Cell(o), o.Source, o.Comment);

        if (current.Value is null)
        {
            var trail = ImmutableArray.CreateBuilder<DomainEvidence>();
            trail.Add(Entry(EvidenceRole.NotDone, current));
            if (MostRecentFirst(valid.Where(o => o.Value is not null && o.Source.Time < current.Source.Time), severity).FirstOrDefault() is { } previous)
            {
                trail.Add(Entry(EvidenceRole.Superseded, previous));
            }

            var notDone = AstctCells.CognitiveNotDone(isUnarousable);
            AddUnarousable(trail, notDone, unarousable);
            return new DomainState(domain, notDone, text(null), trail.ToImmutable());
        }

        var cell = Cell(current);
        if (current.AttributedToOtherCause && cell > 0)
        {
            return new DomainState(domain, 0, text(current.Value), [Entry(EvidenceRole.AttributedToOtherCause, current)]);
        }

        var counted = ImmutableArray.CreateBuilder<DomainEvidence>();
        counted.Add(Entry(EvidenceRole.Counts, current));
        AddUnarousable(counted, cell, unarousable);
        return new DomainState(domain, cell, text(current.Value), counted.ToImmutable());
    }

    // Grade 4 here only ever comes from the unarousable state, so that observation is evidence too.
    private static void AddUnarousable(ImmutableArray<DomainEvidence>.Builder trail, int? grade, Observed<ConsciousnessLevel>? unarousable)
    {
        if (grade == 4 && unarousable is not null)
        {
            trail.Add(DomainEvaluation.Entry(EvidenceRole.Corroborates, unarousable, AstctCells.Consciousness, AstctCells.FindingCode));
        }
    }

    /// <summary>Most recent first; at one time a performed score before an attempt not done, then as <see cref="ObservationOrder.MostRecentFirst{T}"/>.</summary>
    private static IOrderedEnumerable<Observed<int?>> MostRecentFirst(IEnumerable<Observed<int?>> scores, Func<int, int> severity) =>
        scores
            .OrderByDescending(o => o.Source.Time)
            .ThenBy(o => o.Value is null)
            .ThenBy(o => o.AttributedToOtherCause)
            .ThenByDescending(o => o.Value is { } v ? severity(v) : -1)
            .ThenBy(o => o.Source.Reference, StringComparer.Ordinal);
}
