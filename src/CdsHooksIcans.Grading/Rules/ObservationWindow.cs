using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// The span of time whose observations describe the current state: the assessment window before now (default 24 h),
/// never before the first infusion, and up to the tolerated clock skew after now. Both ends are inclusive.
/// </summary>
/// <param name="From">The earliest time that counts.</param>
/// <param name="To">The latest time that counts.</param>
public readonly record struct ObservationWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The window at <paramref name="now"/>.</summary>
    /// <param name="now">The time of grading.</param>
    /// <param name="firstInfusion">The earliest dated exposure: findings before it are not immune effector cell toxicity.</param>
    /// <param name="options">The window lengths.</param>
    public static ObservationWindow At(DateTimeOffset now, DateTimeOffset? firstInfusion, GradingOptions options)
    {
        var from = EarliestStart(now, options);
        return new ObservationWindow(
            firstInfusion is { } first && first > from ? first : from,
            now + options.FutureTolerance);
    }

    /// <summary>
    /// The earliest time any window at <paramref name="now"/> can start, whatever the infusions: observations of the graded
    /// domains before it cannot change the grade.
    /// </summary>
    /// <param name="now">The time of grading.</param>
    /// <param name="options">The window lengths.</param>
    public static DateTimeOffset EarliestStart(DateTimeOffset now, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return now - options.AssessmentWindow;
    }

    /// <summary>Whether a time falls in the window.</summary>
    public bool Contains(DateTimeOffset time) => time >= From && time <= To;

    /// <summary>The observations that fall in the window.</summary>
    public ImmutableArray<Observed<T>> Select<T>(IEnumerable<Observed<T>> observations)
    {
        var (from, to) = (From, To);
        return [.. observations.Where(o => o.Source.Time >= from && o.Source.Time <= to)];
    }
}
