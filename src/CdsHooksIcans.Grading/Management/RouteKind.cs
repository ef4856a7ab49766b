namespace CdsHooksIcans.Grading.Management;

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
