using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// Concurrent CRS, which decides ICANS management (tocilizumab only with CRS). A <c>crs-grade</c> observation in the
/// window is the best evidence; without one, D89.83x diagnoses dated in the current course decide; without either, CRS is
/// unknown, never absent.
/// </summary>
public static class CrsEvaluation
{
    /// <summary>The CRS state at <paramref name="now"/>.</summary>
    /// <remarks>
    /// <para>With a <c>crs-grade</c> observation in the window, the most recent one decides presence (grade 1 or more) and grade.</para>
    /// <para>
    /// Otherwise CRS is present when an active diagnosis is dated (onset, or else recorded date) between
    /// <paramref name="courseStart"/> and now; its grade is the highest grade the codes state, <c>null</c> when all are
    /// "grade unspecified". An undated or older diagnosis (an earlier course left active on the problem list) does not
    /// count: CRS is then unknown and the cards ask to confirm it.
    /// </para>
    /// </remarks>
    /// <param name="grades">All CRS grade observations.</param>
    /// <param name="diagnoses">All CRS diagnoses.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="courseStart">The earliest time a CRS diagnosis of the current course can carry (see <see cref="CourseStart"/>).</param>
    /// <param name="now">The time of grading.</param>
    public static CrsState Evaluate(
        IEnumerable<Observed<int>> grades,
        IEnumerable<CrsDiagnosis> diagnoses,
        ObservationWindow window,
        DateTimeOffset courseStart,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(diagnoses);

        var latest = window.Select(grades.Where(g => g.Value is >= 0 and <= 4))
            .OrderByDescending(g => g.Source.Time)
            .ThenByDescending(g => g.Value)
            .ThenBy(g => g.Source.Reference, StringComparer.Ordinal)
            .FirstOrDefault();
        if (latest is not null)
        {
            return new CrsState(latest.Value >= 1 ? CrsStatus.Present : CrsStatus.Absent, latest.Value, [latest.Source]);
        }

        var current = diagnoses
            .Where(d => d.Active && d.Time is { } time && time >= courseStart && time <= now)
            .ToList();
        if (current.Count == 0)
        {
            return CrsState.Unknown;
        }

        ImmutableArray<Provenance> evidence =
        [
            .. current.Select(d => new Provenance(d.Source, d.Time!.Value)).Distinct()
                .OrderBy(p => p.Time).ThenBy(p => p.Reference, StringComparer.Ordinal),
        ];
        return new CrsState(CrsStatus.Present, current.Max(d => d.Grade), evidence);
    }

    /// <summary>
    /// The start of the current course for CRS diagnoses: a day before the first infusion (CRS is coded around it), but no
    /// earlier than one monitoring window before now, so a diagnosis from an earlier course does not count.
    /// </summary>
    /// <param name="firstInfusion">The earliest dated exposure, when known.</param>
    /// <param name="windowLength">The monitoring window of the most recent therapy.</param>
    /// <param name="now">The time of grading.</param>
    public static DateTimeOffset CourseStart(DateTimeOffset? firstInfusion, TimeSpan windowLength, DateTimeOffset now)
    {
        var windowStart = now - windowLength;
        // Compared before subtracting: a charted date of 0001-01-01 must not underflow.
        return firstInfusion is { } first && first > windowStart.AddDays(1) ? first.AddDays(-1) : windowStart;
    }
}
