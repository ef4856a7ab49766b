namespace CdsHooksIcans.Grading.Model;

/// <summary>Motor finding, ASTCT motor domain.</summary>
public enum MotorFinding
{
    /// <summary>No motor finding.</summary>
    NoMotorFinding,
    /// <summary>Tremor: graded with CTCAE, never raises the ICANS grade.</summary>
    Tremor,
    /// <summary>Myoclonus: graded with CTCAE, never raises the ICANS grade.</summary>
    Myoclonus,
    /// <summary>Deep focal motor weakness: hemiparesis (grade 4).</summary>
    Hemiparesis,
    /// <summary>Deep focal motor weakness: paraparesis (grade 4).</summary>
    Paraparesis,
}
