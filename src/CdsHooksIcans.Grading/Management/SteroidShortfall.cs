namespace CdsHooksIcans.Grading.Management;

/// <summary>Why a corticosteroid falls short of the grade.</summary>
public enum SteroidShortfall
{
    /// <summary>The grade does not accept the drug (dexamethasone at grade 4).</summary>
    WrongDrug,
    /// <summary>The route is stated and is not one the grade accepts.</summary>
    Route,
    /// <summary>The mg per 24 hours are under the grade's minimum.</summary>
    BelowMinimum,
}
