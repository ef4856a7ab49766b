using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// Late neurotoxicity after BCMA CAR-T (ide-cel, cilta-cel): parkinsonism and the other movement and neurocognitive
/// signs (tremor, micrographia, bradykinesia, gait and personality change), Guillain-Barre syndrome, cranial nerve palsies
/// other than VI (mostly facial) and peripheral neuropathy. They are not ASTCT ICANS domains: these rules never touch the
/// grade; they say which signs are current so that a card of their own can name them
/// (docs/adr/0020-late-neurotoxicity-watch-and-findings.md).
/// </summary>
/// <remarks>
/// The signs are read over the whole watch, not the 24-hour assessment window: they start weeks to months after the
/// infusion and persist, so a sign charted at a clinic visit days ago is still the patient's state today. The watch runs
/// from the first BCMA CAR-T infusion until <see cref="GradingOptions.LateWatchWindow"/> after the most recent one, and
/// looks back at most that long. A sign stays current until a later entry of its domain's normal code
/// (<c>no-late-neurotoxicity-finding</c>; <c>no-motor-finding</c> for a tremor) charts its resolution; an entry attributed
/// to another cause is not a sign. A tremor inside the ICANS window (<see cref="GradingOptions.CarTWindow"/> after the
/// most recent BCMA infusion before it) is listed only beside another late sign: there it is usually part of ICANS.
/// </remarks>
public static class LateNeurotoxicityWatch
{
    /// <summary>
    /// The span whose late findings are current at <paramref name="now"/>: from the first dated BCMA CAR-T infusion (never
    /// more than <see cref="GradingOptions.LateWatchWindow"/> before now) to now plus the tolerated clock skew; <c>null</c>
    /// when no BCMA CAR-T infusion has its watch open at now.
    /// </summary>
    /// <param name="exposures">The patient's IEC exposures, in any order.</param>
    /// <param name="now">The time of grading.</param>
    /// <param name="options">The watch length and clock tolerance.</param>
    public static ObservationWindow? Window(IEnumerable<IecExposure> exposures, DateTimeOffset now, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        ArgumentNullException.ThrowIfNull(options);
        var infusions = BcmaInfusions(exposures, now, options);
        if (infusions.Count == 0 || now > infusions.Max() + options.LateWatchWindow)
        {
            return null;
        }

        var first = infusions.Min();
        var earliest = EarliestStart(now, options);
        return new ObservationWindow(first > earliest ? first : earliest, now + options.FutureTolerance);
    }

    /// <summary>The earliest time a late finding can still count at <paramref name="now"/>, whatever the infusions.</summary>
    /// <param name="now">The time of grading.</param>
    /// <param name="options">The watch length.</param>
    public static DateTimeOffset EarliestStart(DateTimeOffset now, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return now - options.LateWatchWindow;
    }

    /// <summary>The current late neurotoxicity signs, most recent first; empty outside the watch.</summary>
    /// <param name="findings">Everything known about the patient.</param>
    /// <param name="now">The time of grading.</param>
    /// <param name="options">The watch length and clock tolerance.</param>
    public static ImmutableArray<LateNeurotoxicitySign> Signs(PatientFindings findings, DateTimeOffset now, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (Window(findings.Exposures, now, options) is not { } window)
        {
            return [];
        }

        var charted = Current(window.Select(findings.LateNeurotoxicity),
                f => f == LateNeurotoxicityFinding.NoLateNeurotoxicityFinding, f => f != LateNeurotoxicityFinding.NoLateNeurotoxicityFinding)
            .Concat(window.Select(findings.LateNeurotoxicityDiagnoses)
                .Where(d => !d.AttributedToOtherCause && d.Value != LateNeurotoxicityFinding.NoLateNeurotoxicityFinding))
            .Select(o => new LateNeurotoxicitySign(AstctCells.FindingCode(o.Value), GroupOf(o.Value), o.Source))
            .ToList();

        // A tremor never grades ICANS, but after BCMA CAR-T it is a movement sign (Cohen et al. Blood Cancer J 2022). Inside
        // the ICANS window it is also a common part of ICANS itself, which the grading card already covers: there it joins
        // other late signs but raises none on its own.
        var infusions = BcmaInfusions(findings.Exposures, now, options);
        var tremors = Current(window.Select(findings.Motor), f => f == MotorFinding.NoMotorFinding, f => f == MotorFinding.Tremor)
            .Where(o => charted.Count > 0 || AfterIcansWindow(o.Source.Time, infusions, options))
            .Select(o => new LateNeurotoxicitySign(AstctCells.FindingCode(o.Value), LateNeurotoxicityGroup.MovementAndNeurocognitive, o.Source));

        return [.. charted.Concat(tremors)
            .OrderByDescending(s => s.Source.Time)
            .ThenBy(s => s.Source.Reference, StringComparer.Ordinal)
            .ThenBy(s => s.Finding, StringComparer.Ordinal)];
    }

    /// <summary>What a late finding belongs to.</summary>
    /// <param name="finding">A late finding other than the normal code.</param>
    public static LateNeurotoxicityGroup GroupOf(LateNeurotoxicityFinding finding) => finding switch
    {
        LateNeurotoxicityFinding.GuillainBarreSyndrome => LateNeurotoxicityGroup.GuillainBarreSyndrome,
        LateNeurotoxicityFinding.FacialNervePalsy or LateNeurotoxicityFinding.CranialNervePalsy => LateNeurotoxicityGroup.CranialNervePalsy,
        LateNeurotoxicityFinding.PeripheralNeuropathy => LateNeurotoxicityGroup.PeripheralNeuropathy,
        LateNeurotoxicityFinding.NoLateNeurotoxicityFinding => throw new ArgumentOutOfRangeException(nameof(finding), finding, "the normal code is not a sign"),
        _ => LateNeurotoxicityGroup.MovementAndNeurocognitive,
    };

    private static List<DateTimeOffset> BcmaInfusions(IEnumerable<IecExposure> exposures, DateTimeOffset now, GradingOptions options) =>
    [
        .. exposures
            .Where(e => e.Product.LateNeurotoxicityWatch && e.Time is { } time && time <= now + options.FutureTolerance)
            .Select(e => e.Time!.Value),
    ];

    // Later than the ICANS window of the most recent BCMA infusion before it.
    private static bool AfterIcansWindow(DateTimeOffset time, List<DateTimeOffset> infusions, GradingOptions options) =>
        infusions.Where(i => i <= time).DefaultIfEmpty(DateTimeOffset.MinValue).Max() + options.CarTWindow < time;

    // A sign stays until a later normal entry (attributed or not: it still charts what it charts); an attributed sign is not one.
    private static IEnumerable<Observed<T>> Current<T>(ImmutableArray<Observed<T>> inWindow, Func<T, bool> isNormal, Func<T, bool> isSign)
    {
        var lastNormal = inWindow.Where(o => isNormal(o.Value)).Select(o => (DateTimeOffset?)o.Source.Time).Max();
        return inWindow.Where(o => isSign(o.Value) && !o.AttributedToOtherCause && !(lastNormal > o.Source.Time));
    }
}
