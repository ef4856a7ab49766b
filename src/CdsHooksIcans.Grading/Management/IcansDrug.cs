namespace CdsHooksIcans.Grading.Management;

/// <summary>The drugs the ICANS order checks care about.</summary>
public enum IcansDrug
{
    /// <summary>Dexamethasone (corticosteroid).</summary>
    Dexamethasone,
    /// <summary>Methylprednisolone (corticosteroid).</summary>
    Methylprednisolone,
    /// <summary>Tocilizumab (anti-IL-6 receptor; for CRS, not for isolated ICANS).</summary>
    Tocilizumab,
    /// <summary>An antiseizure drug (levetiracetam or another of the antiseizure ValueSet).</summary>
    Antiseizure,
    /// <summary>Anakinra (second-line for refractory ICANS).</summary>
    Anakinra,
}
