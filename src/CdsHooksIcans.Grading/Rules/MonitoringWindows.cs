using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The monitoring windows of the data contract: CAR-T from the first infusion until <see cref="GradingOptions.CarTWindow"/>
/// after the most recent CAR-T infusion; T-cell engagers <see cref="GradingOptions.TCellEngagerWindow"/> after the most
/// recent dose; BCMA CAR-T a late watch up to <see cref="GradingOptions.LateWatchWindow"/>. Window ends are inclusive.
/// </summary>
public static class MonitoringWindows
{
    /// <summary>Evaluates the windows at <paramref name="now"/>.</summary>
    /// <remarks>
    /// Exposures dated later than <c>now + FutureTolerance</c> are ignored (orders, schedules, clock errors). Every other
    /// dated exposure is at or before now within that tolerance, so "from the first infusion" always holds and only the
    /// end of each window has to be checked.
    /// </remarks>
    public static TherapyWindow Evaluate(IEnumerable<IecExposure> exposures, DateTimeOffset now, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        ArgumentNullException.ThrowIfNull(options);

        var known = exposures.Where(e => e.Time is null || e.Time <= now + options.FutureTolerance).ToList();
        if (known.Count == 0)
        {
            return new TherapyWindow(MonitoringState.NotIecPatient, null, null, null);
        }

        var dated = MostRecentFirst(known.Where(e => e.Time is not null)).ToList();
        if (dated.Count == 0)
        {
            // A therapy history (Z92.850) without any infusion record: the window cannot be placed.
            return new TherapyWindow(MonitoringState.InfusionDateUnknown, MostRecentFirst(known).First(), null, null);
        }

        var therapy = dated[0];
        var first = dated.Min(e => e.Time!.Value);
        var days = Math.Max(0, (now - therapy.Time!.Value).Days);

        var state =
            Holds(LastOf(dated, TherapyClass.CarT), options.CarTWindow, now)
            || Holds(LastOf(dated, TherapyClass.TCellEngager), options.TCellEngagerWindow, now) ? MonitoringState.InWindow
            : Holds(dated.FirstOrDefault(e => e.Product.LateNeurotoxicityWatch)?.Time, options.LateWatchWindow, now) ? MonitoringState.LateWatch
            : MonitoringState.OutsideWindow;

        return new TherapyWindow(state, therapy, first, days);
    }

    /// <summary>Most recent first; ties broken by source and product so that input order never matters.</summary>
    internal static IOrderedEnumerable<IecExposure> MostRecentFirst(IEnumerable<IecExposure> exposures) => exposures
        .OrderByDescending(e => e.Time)
        .ThenBy(e => e.Source, StringComparer.Ordinal)
        .ThenBy(e => e.Product.Code, StringComparer.Ordinal);

    private static DateTimeOffset? LastOf(IEnumerable<IecExposure> mostRecentFirst, TherapyClass therapyClass) =>
        mostRecentFirst.FirstOrDefault(e => e.Product.Class == therapyClass)?.Time;

    // Inclusive: exactly one window length after the dose is still inside.
    private static bool Holds(DateTimeOffset? last, TimeSpan window, DateTimeOffset now) =>
        last is { } time && now <= time + window;
}
