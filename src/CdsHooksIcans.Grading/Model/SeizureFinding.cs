namespace CdsHooksIcans.Grading.Model;

/// <summary>Seizure finding, ASTCT seizure domain.</summary>
public enum SeizureFinding
{
    /// <summary>No seizure.</summary>
    NoSeizure,
    /// <summary>Any clinical seizure, focal or generalized, that resolves rapidly (grade 3).</summary>
    SeizureResolvedRapidly,
    /// <summary>Non-convulsive seizures on EEG that resolve with intervention (grade 3).</summary>
    NonconvulsiveSeizureResolved,
    /// <summary>Life-threatening prolonged seizure over 5 minutes (grade 4).</summary>
    ProlongedSeizure,
    /// <summary>Repetitive clinical or electrical seizures without return to baseline in between (grade 4).</summary>
    RepetitiveSeizures,
}
