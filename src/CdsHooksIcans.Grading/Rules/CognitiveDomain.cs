using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The cognitive (encephalopathy) domain: ICE from age 12, CAPD below. The most recent performed assessment in the
/// window is the value; an assessment that was not done gives grade 4 when the patient is unarousable, else nothing.
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
    /// The domain in use: the preferred one, unless it has no value at all and the other tool has one (CAPD in an
    /// older patient with developmental delay, ICE in a child). A preferred assessment attributed to another cause
    /// stays excluded, so attribution can never bring in a worse score from the other tool.
    /// </summary>
    public static DomainState Select(DomainState preferred, DomainState other)
    {
        ArgumentNullException.ThrowIfNull(preferred);
        ArgumentNullException.ThrowIfNull(other);
        return preferred.Grade is null && !preferred.AttributedToOtherCause && other.Grade is not null ? other : preferred;
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
        var current =
            valid.Where(o => o.Value is not null).MostRecentFirst(v => severity(v!.Value)).FirstOrDefault()
            ?? valid.MostRecentFirst(_ => 0).FirstOrDefault();

        if (current is null)
        {
            return DomainEvaluation.NoData(domain);
        }
        if (current.AttributedToOtherCause)
        {
            return DomainEvaluation.Excluded(domain, text(current.Value), current.Source);
        }

        int? domainGrade = current.Value is { } score
            ? grade(score, unarousable is not null)
            : AstctCells.CognitiveNotDone(unarousable is not null);

        // Grade 4 here only ever comes from the unarousable state, so that observation is evidence too.
        return domainGrade == 4 && unarousable is not null
            ? new DomainState(domain, domainGrade, text(current.Value), false, [current.Source, unarousable.Source])
            : new DomainState(domain, domainGrade, text(current.Value), false, [current.Source]);
    }
}
