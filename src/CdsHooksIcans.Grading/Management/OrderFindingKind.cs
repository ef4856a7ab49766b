namespace CdsHooksIcans.Grading.Management;

/// <summary>What an order check found.</summary>
public enum OrderFindingKind
{
    /// <summary>The grade calls for a corticosteroid and no regimen is drafted or active.</summary>
    CorticosteroidMissing,
    /// <summary>A drafted corticosteroid is below what the grade calls for (dose, drug or route).</summary>
    CorticosteroidBelowGrade,
    /// <summary>The active corticosteroid regimen is below what the grade now calls for: escalate.</summary>
    CorticosteroidEscalation,
    /// <summary>A corticosteroid order's dose or timing cannot be read, so it cannot be weighed against the grade.</summary>
    CorticosteroidDoseNotReadable,
    /// <summary>Tocilizumab is drafted for ICANS while the chart shows CRS absent (graded 0).</summary>
    TocilizumabWithoutCrs,
    /// <summary>Tocilizumab is drafted for ICANS and CRS is not documented either way.</summary>
    TocilizumabCrsUnknown,
    /// <summary>A covered product in its prophylaxis window, and no antiseizure drug drafted or active.</summary>
    NoSeizureProphylaxis,
    /// <summary>A draft goes beyond a safety ceiling (dose, daily dose, doses in 24 hours or in total).</summary>
    DoseAboveCeiling,
}
