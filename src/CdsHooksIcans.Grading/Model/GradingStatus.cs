namespace CdsHooksIcans.Grading.Model;

/// <summary>Whether the engine could give a grade.</summary>
public enum GradingStatus
{
    /// <summary>The data determine the grade.</summary>
    Graded,
    /// <summary>Data are missing; only a lower bound is known. Never reported as grade 0.</summary>
    Incomplete,
}
