namespace CdsHooksIcans.Grading.Model;

/// <summary>Whether concurrent CRS is documented: three values, because a chart without CRS data is not a chart without CRS.</summary>
public enum CrsStatus
{
    /// <summary>No current CRS grade and no CRS diagnosis dated in the current window: CRS may simply be uncharted.</summary>
    Unknown,
    /// <summary>CRS grade 1 or more is current.</summary>
    Present,
    /// <summary>The most recent CRS grade in the assessment window is 0.</summary>
    Absent,
}
