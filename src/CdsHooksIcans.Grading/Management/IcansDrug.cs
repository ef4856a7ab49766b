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

/// <summary>How a drug reaches the patient, as far as the checks care: only a systemic route treats ICANS.</summary>
public enum RouteKind
{
    /// <summary>The order states no route the service recognises.</summary>
    Unknown,
    /// <summary>Intravenous.</summary>
    Intravenous,
    /// <summary>Oral or enteral.</summary>
    Oral,
    /// <summary>Another systemic route (intramuscular, subcutaneous).</summary>
    OtherSystemic,
    /// <summary>A local route (eye, ear, skin, inhaled, nasal): no systemic effect on ICANS.</summary>
    Local,
}
