using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// Concurrent CRS, which decides ICANS management (tocilizumab only with CRS). A <c>crs-grade</c> observation in the
/// window is the best evidence; without one, current D89.83x diagnoses decide.
/// </summary>
public static class CrsEvaluation
{
    /// <summary>The CRS state at <paramref name="now"/>.</summary>
    /// <remarks>
    /// <para>With a <c>crs-grade</c> observation in the window, the most recent one decides presence (grade 1 or more) and grade.</para>
    /// <para>
    /// Otherwise CRS is present when an active diagnosis is undated or dated between a day before the first infusion
    /// (CRS is coded around the infusion) and now; its grade is the highest grade the codes state, <c>null</c> when all are
    /// "grade unspecified". An undated diagnosis is cited with <paramref name="now"/> as its time: it is known current now.
    /// </para>
    /// </remarks>
    /// <param name="grades">All CRS grade observations.</param>
    /// <param name="diagnoses">All CRS diagnoses.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="firstInfusion">The earliest dated exposure, when known.</param>
    /// <param name="now">The time of grading.</param>
    public static CrsState Evaluate(
        IEnumerable<Observed<int>> grades,
        IEnumerable<CrsDiagnosis> diagnoses,
        ObservationWindow window,
        DateTimeOffset? firstInfusion,
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
            return new CrsState(latest.Value >= 1, latest.Value, [latest.Source]);
        }

        var earliest = firstInfusion?.AddDays(-1);
        var current = diagnoses
            .Where(d => d.Active && (d.Time is not { } time || ((earliest is null || time >= earliest) && time <= now)))
            .ToList();
        if (current.Count == 0)
        {
            return CrsState.Unknown;
        }

        ImmutableArray<Provenance> evidence =
        [
            .. current.Select(d => new Provenance(d.Source, d.Time ?? now)).Distinct()
                .OrderBy(p => p.Time).ThenBy(p => p.Reference, StringComparer.Ordinal),
        ];
        return new CrsState(true, current.Max(d => d.Grade), evidence);
    }
}
