namespace CdsHooksIcans.Grading.Model;

/// <summary>Which kind of immune effector cell therapy a product is.</summary>
public enum TherapyClass
{
    /// <summary>CAR-T cell therapy: the window runs from the first infusion to 30 days after the last.</summary>
    CarT,
    /// <summary>T-cell-engaging bispecific antibody: the window runs 14 days after the most recent dose.</summary>
    TCellEngager,
}
