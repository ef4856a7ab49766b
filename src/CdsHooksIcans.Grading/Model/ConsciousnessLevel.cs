namespace CdsHooksIcans.Grading.Model;

/// <summary>Level of consciousness, ASTCT consciousness domain.</summary>
public enum ConsciousnessLevel
{
    /// <summary>Fully alert: contributes nothing.</summary>
    Alert,
    /// <summary>Drowsy but awakens spontaneously (grade 1).</summary>
    AwakensSpontaneously,
    /// <summary>Awakens to voice (grade 2).</summary>
    AwakensToVoice,
    /// <summary>Awakens only to tactile stimulus (grade 3).</summary>
    AwakensToTactile,
    /// <summary>Unarousable or needs vigorous or repetitive tactile stimuli; stupor; coma (grade 4).</summary>
    Unarousable,
}
