using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The state of the non-cognitive domains from the observations in the window: the most recent observation is the
/// current state, except for seizures, where the worst one in the window counts. A current finding attributed to
/// another cause is excluded: the domain then has no grade, is flagged, and keeps its evidence.
/// </summary>
public static class DomainEvaluation
{
    /// <summary>Level of consciousness: the most recent observation.</summary>
    public static DomainState Consciousness(IEnumerable<Observed<ConsciousnessLevel>> inWindow) =>
        MostRecent(IcansDomain.Consciousness, inWindow, AstctCells.Consciousness, AstctCells.FindingCode);

    /// <summary>Motor findings: the most recent observation. Tremor and myoclonus contribute 0.</summary>
    public static DomainState Motor(IEnumerable<Observed<MotorFinding>> inWindow) =>
        MostRecent(IcansDomain.Motor, inWindow, AstctCells.Motor, AstctCells.FindingCode);

    /// <summary>Raised ICP / cerebral edema: the most recent observation. Intracranial hemorrhage contributes 0.</summary>
    public static DomainState IcpEdema(IEnumerable<Observed<IcpEdemaFinding>> inWindow) =>
        MostRecent(IcansDomain.IcpEdema, inWindow, AstctCells.IcpEdema, AstctCells.IcpEdemaText);

    /// <summary>
    /// Seizures: the worst seizure in the window that is not attributed to another cause, since a seizure that
    /// resolved is still part of this episode. Excluded only when every seizure finding in the window is attributed.
    /// </summary>
    public static DomainState Seizure(IEnumerable<Observed<SeizureFinding>> inWindow)
    {
        var ranked = inWindow.MostSevereFirst(f => Severity(f, AstctCells.Seizure)).ToList();
        if (ranked.Count == 0)
        {
            return NoData(IcansDomain.Seizure);
        }

        var worst = ranked.FirstOrDefault(o => !o.AttributedToOtherCause);
        return worst is null
            ? Excluded(IcansDomain.Seizure, AstctCells.FindingCode(ranked[0].Value), ranked[0].Source)
            : new DomainState(IcansDomain.Seizure, AstctCells.Seizure(worst.Value), AstctCells.FindingCode(worst.Value), false, [worst.Source]);
    }

    /// <summary>The current observation of a most-recent domain (attributed or not), if any.</summary>
    internal static Observed<T>? Current<T>(IEnumerable<Observed<T>> inWindow, Func<T, int> grade)
        where T : struct, Enum => inWindow.MostRecentFirst(v => Severity(v, grade)).FirstOrDefault();

    /// <summary>A domain with no observation in the window.</summary>
    public static DomainState NoData(IcansDomain domain) => new(domain, null, null, false, []);

    /// <summary>A domain whose current finding is attributed to another cause: no grade, evidence kept.</summary>
    public static DomainState Excluded(IcansDomain domain, string finding, Provenance source) =>
        new(domain, null, finding, true, [source]);

    /// <summary>
    /// The severity used to order observations: the ASTCT grade first, then the raw value so that different findings
    /// of equal grade still have one fixed order.
    /// </summary>
    internal static int Severity<T>(T value, Func<T, int> grade)
        where T : struct, Enum => (grade(value) * 100) + Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    private static DomainState MostRecent<T>(
        IcansDomain domain, IEnumerable<Observed<T>> inWindow, Func<T, int> grade, Func<T, string> finding)
        where T : struct, Enum
    {
        var current = Current(inWindow, grade);
        return current switch
        {
            null => NoData(domain),
            { AttributedToOtherCause: true } => Excluded(domain, finding(current.Value), current.Source),
            _ => new DomainState(domain, grade(current.Value), finding(current.Value), false, [current.Source]),
        };
    }
}
