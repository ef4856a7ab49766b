using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>Whether a grading card is due, and whether it reports a late onset.</summary>
public static class GradingCardRule
{
    /// <summary>
    /// Inside a window: always. Infusion date unknown: when any domain was observed in the window. In the BCMA late watch
    /// or outside every window: only with a current abnormal finding (grade or lower bound 1 or more), reported as late
    /// onset, because late ICANS is rare but not impossible. Not an IEC patient: never.
    /// </summary>
    /// <param name="monitoring">Where the patient stands against the windows.</param>
    /// <param name="lowerBound">The grade, or the lower bound when incomplete.</param>
    /// <param name="anyDomainObserved">Any ICANS domain observation falls in the window.</param>
    public static (bool ShowGradingCard, bool LateOnset) Evaluate(MonitoringState monitoring, int lowerBound, bool anyDomainObserved) =>
        monitoring switch
        {
            MonitoringState.InWindow => (true, false),
            MonitoringState.InfusionDateUnknown => (anyDomainObserved, false),
            MonitoringState.LateWatch or MonitoringState.OutsideWindow when lowerBound >= 1 => (true, true),
            _ => (false, false),
        };
}
