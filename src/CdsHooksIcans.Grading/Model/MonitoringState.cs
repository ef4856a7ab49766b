namespace CdsHooksIcans.Grading.Model;

/// <summary>Where the patient stands against the monitoring windows of their therapies.</summary>
public enum MonitoringState
{
    /// <summary>No immune effector cell therapy is recorded.</summary>
    NotIecPatient,
    /// <summary>Inside the ICANS monitoring window of at least one therapy.</summary>
    InWindow,
    /// <summary>After the window of a BCMA CAR-T, inside the late neurotoxicity watch.</summary>
    LateWatch,
    /// <summary>Outside every window.</summary>
    OutsideWindow,
    /// <summary>A history of therapy is recorded but no infusion date is known.</summary>
    InfusionDateUnknown,
}
