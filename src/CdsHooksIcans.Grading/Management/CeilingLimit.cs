namespace CdsHooksIcans.Grading.Management;

/// <summary>Which limit of a <see cref="DoseCeiling"/> an order goes beyond.</summary>
public enum CeilingLimit
{
    /// <summary>mg in one dose.</summary>
    PerDose,
    /// <summary>mg in 24 hours.</summary>
    PerDay,
    /// <summary>Doses in 24 hours.</summary>
    DosesPer24Hours,
    /// <summary>Doses in all.</summary>
    DosesInTotal,
}
