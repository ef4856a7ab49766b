using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The state of the non-cognitive domains, read from the chart in the window as a time series (data contract v2 §3,
/// docs/adr/0015-the-chart-is-a-time-series.md). Level of consciousness is a scale: its most recent observation is the
/// current state, so an improvement is believed. A seizure anywhere in the window counts. A motor or ICP/edema finding
/// stays current until a later entry of the domain's normal code charts its resolution; an entry of a code that never
/// grades, or of another finding, does not clear it. A finding attributed to another cause is assessed and contributes 0.
/// </summary>
public static class DomainEvaluation
{
    /// <summary>Level of consciousness: the most recent observation.</summary>
    public static DomainState Consciousness(IEnumerable<Observed<ConsciousnessLevel>> inWindow) =>
        Scale(IcansDomain.Consciousness, inWindow, AstctCells.Consciousness);

    /// <summary>Motor findings: current until <c>no-motor-finding</c> is charted later. Tremor and myoclonus contribute 0 and clear nothing.</summary>
    public static DomainState Motor(IEnumerable<Observed<MotorFinding>> inWindow) =>
        Persistent(IcansDomain.Motor, inWindow, AstctCells.Motor, AstctCells.ChartsResolution, AstctCells.FindingCode);

    /// <summary>Raised ICP / cerebral edema: current until <c>no-edema</c> is charted later. Intracranial hemorrhage contributes 0 and clears nothing.</summary>
    public static DomainState IcpEdema(IEnumerable<Observed<IcpEdemaFinding>> inWindow) =>
        Persistent(IcansDomain.IcpEdema, inWindow, AstctCells.IcpEdema, AstctCells.ChartsResolution, AstctCells.IcpEdemaText);

    /// <summary>
    /// Seizures: the worst seizure in the window that counts, since a seizure that resolved is still part of this
    /// episode. Attributed seizures are listed; when every seizure is attributed, the domain contributes 0.
    /// </summary>
    public static DomainState Seizure(IEnumerable<Observed<SeizureFinding>> inWindow)
    {
        var ranked = inWindow.MostSevereFirst(f => Severity(f, AstctCells.Seizure)).ToList();
        if (ranked.Count == 0)
        {
            return NoData(IcansDomain.Seizure);
        }

        var worst = ranked.FirstOrDefault(o => Counts(o, AstctCells.Seizure));
        var trail = ImmutableArray.CreateBuilder<DomainEvidence>();
        if (worst is not null)
        {
            trail.Add(Entry(EvidenceRole.Counts, worst, AstctCells.Seizure, AstctCells.FindingCode));
        }

        trail.AddRange(ranked.Where(o => !Counts(o, AstctCells.Seizure))
            .Select(o => Entry(EvidenceRole.AttributedToOtherCause, o, AstctCells.Seizure, AstctCells.FindingCode)));
        var shown = worst ?? ranked[0];
        return new DomainState(
            IcansDomain.Seizure, worst is null ? 0 : AstctCells.Seizure(worst.Value), AstctCells.FindingCode(shown.Value), trail.ToImmutable());
    }

    /// <summary>The current observation of a scale (attributed or not), if any: the most recent, ties broken toward the worse.</summary>
    internal static Observed<T>? Current<T>(IEnumerable<Observed<T>> inWindow, Func<T, int> grade)
        where T : struct, Enum => inWindow.MostRecentFirst(v => Severity(v, grade)).FirstOrDefault();

    /// <summary>A domain with no observation in the window.</summary>
    public static DomainState NoData(IcansDomain domain) => new(domain, null, null, []);

    /// <summary>
    /// Whether an observation counts toward the grade: it is not attributed to another cause, or it would contribute 0
    /// anyway (an attributed normal entry still charts what it charts).
    /// </summary>
    internal static bool Counts<T>(Observed<T> observed, Func<T, int> grade) => !observed.AttributedToOtherCause || grade(observed.Value) == 0;

    /// <summary>
    /// The severity used to order observations: the ASTCT grade first, then the raw value so that different findings
    /// of equal grade still have one fixed order.
    /// </summary>
    internal static int Severity<T>(T value, Func<T, int> grade)
        where T : struct, Enum => (grade(value) * 100) + Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    internal static DomainEvidence Entry<T>(EvidenceRole role, Observed<T> observed, Func<T, int> grade, Func<T, string> finding, Provenance? resolvedBy = null) =>
        new(role, finding(observed.Value), grade(observed.Value), observed.Source, observed.Comment, resolvedBy);

    private static DomainState Scale<T>(IcansDomain domain, IEnumerable<Observed<T>> inWindow, Func<T, int> grade)
        where T : struct, Enum
    {
        if (Current(inWindow, grade) is not { } current)
        {
            return NoData(domain);
        }

        return Counts(current, grade)
            ? new DomainState(domain, grade(current.Value), AstctCells.FindingCode(current.Value),
                [Entry(EvidenceRole.Counts, current, grade, AstctCells.FindingCode)])
            : new DomainState(domain, 0, AstctCells.FindingCode(current.Value),
                [Entry(EvidenceRole.AttributedToOtherCause, current, grade, AstctCells.FindingCode)]);
    }

    /// <summary>
    /// A domain of findings that persist: every abnormal finding in the window is current unless an entry of the normal
    /// code was charted strictly later (at the same time, the finding stands). The worst current finding that counts
    /// gives the grade; with none, the most recent entry describes the domain at grade 0.
    /// </summary>
    private static DomainState Persistent<T>(
        IcansDomain domain, IEnumerable<Observed<T>> inWindow, Func<T, int> grade, Func<T, bool> chartsResolution, Func<T, string> finding)
        where T : struct, Enum
    {
        var entries = inWindow.ToList();
        if (entries.Count == 0)
        {
            return NoData(domain);
        }

        // Earliest first, so each finding is resolved by the first normal entry after it.
        var resolutions = entries.Where(o => chartsResolution(o.Value)).Chronological().ToList();
        var current = new List<Observed<T>>();
        var resolved = new List<(Observed<T> Finding, Observed<T> By)>();
        foreach (var abnormal in entries.Where(o => grade(o.Value) >= 1).MostSevereFirst(v => Severity(v, grade)))
        {
            if (resolutions.FirstOrDefault(r => r.Source.Time > abnormal.Source.Time) is { } by)
            {
                resolved.Add((abnormal, by));
            }
            else
            {
                current.Add(abnormal);
            }
        }

        var counting = current.Where(o => Counts(o, grade)).ToList();
        var trail = ImmutableArray.CreateBuilder<DomainEvidence>();
        trail.AddRange(counting.Select(o => Entry(EvidenceRole.Counts, o, grade, finding)));
        trail.AddRange(current.Where(o => !Counts(o, grade)).Select(o => Entry(EvidenceRole.AttributedToOtherCause, o, grade, finding)));
        trail.AddRange(resolved.Select(r => Entry(EvidenceRole.Resolved, r.Finding, grade, finding, r.By.Source)));
        trail.AddRange(resolved.Select(r => r.By).Distinct().Chronological().Select(o => Entry(EvidenceRole.Resolution, o, grade, finding)));

        if (counting.Count > 0)
        {
            // Entries of codes that never grade, made after the worst finding, leave it standing: the card says so.
            var worst = counting[0];
            trail.AddRange(entries
                .Where(o => grade(o.Value) == 0 && !chartsResolution(o.Value) && o.Source.Time > worst.Source.Time)
                .Chronological()
                .Select(o => Entry(EvidenceRole.NotResolving, o, grade, finding)));
            return new DomainState(domain, grade(worst.Value), finding(worst.Value), trail.ToImmutable());
        }

        var latest = entries.MostRecentFirst(v => Severity(v, grade)).First();
        if (!current.Contains(latest) && !resolved.Any(r => ReferenceEquals(r.By, latest)))
        {
            trail.Insert(0, Entry(EvidenceRole.Counts, latest, grade, finding));
        }

        return new DomainState(domain, 0, finding(latest.Value), trail.ToImmutable());
    }
}
