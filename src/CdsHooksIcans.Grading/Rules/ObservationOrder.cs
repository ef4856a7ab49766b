using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>The one deterministic order in which observations of a domain are considered.</summary>
public static class ObservationOrder
{
    /// <summary>
    /// Most recent first. At the same time a finding that counts comes before one attributed to another cause, and the
    /// more severe before the milder, so a tie never under-grades and worsening or attributing one of two simultaneous
    /// findings moves the grade only in its own direction; then by reference, so that input order never matters.
    /// </summary>
    /// <param name="observations">The observations of one domain.</param>
    /// <param name="severity">Higher is worse.</param>
    public static IOrderedEnumerable<Observed<T>> MostRecentFirst<T>(this IEnumerable<Observed<T>> observations, Func<T, int> severity) =>
        observations
            .OrderByDescending(o => o.Source.Time)
            .ThenBy(o => o.AttributedToOtherCause)
            .ThenByDescending(o => severity(o.Value))
            .ThenBy(o => o.Source.Reference, StringComparer.Ordinal);

    /// <summary>Earliest first, then by reference: the order in which a chart's entries were made.</summary>
    /// <param name="observations">The observations of one domain.</param>
    public static IOrderedEnumerable<Observed<T>> Chronological<T>(this IEnumerable<Observed<T>> observations) =>
        observations.OrderBy(o => o.Source.Time).ThenBy(o => o.Source.Reference, StringComparer.Ordinal);

    /// <summary>Most severe first; then most recent, by reference and attribution.</summary>
    /// <param name="observations">The observations of one domain.</param>
    /// <param name="severity">Higher is worse.</param>
    public static IOrderedEnumerable<Observed<T>> MostSevereFirst<T>(this IEnumerable<Observed<T>> observations, Func<T, int> severity) =>
        observations
            .OrderByDescending(o => severity(o.Value))
            .ThenByDescending(o => o.Source.Time)
            .ThenBy(o => o.Source.Reference, StringComparer.Ordinal)
            .ThenBy(o => o.AttributedToOtherCause);
}
