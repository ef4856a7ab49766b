using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

/// <summary>Concurrent cytokine release syndrome.</summary>
/// <param name="Status">Present, absent (graded 0) or unknown (not charted).</param>
/// <param name="Grade">The current CRS grade, when known.</param>
/// <param name="Evidence">The observations and conditions behind it.</param>
public sealed record CrsState(CrsStatus Status, int? Grade, ImmutableArray<Provenance> Evidence)
{
    /// <summary>No current CRS data.</summary>
    public static CrsState Unknown { get; } = new(CrsStatus.Unknown, null, []);

    /// <summary>CRS grade 1 or more is current.</summary>
    public bool Present => Status == CrsStatus.Present;
}
