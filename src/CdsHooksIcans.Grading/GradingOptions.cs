namespace CdsHooksIcans.Grading;

/// <summary>Windows and thresholds of the grading rules. The defaults follow the data contract; a deployment may change them.</summary>
public sealed record GradingOptions
{
    /// <summary>CAR-T monitoring window after the most recent infusion. <value>The default is 30 days.</value></summary>
    public TimeSpan CarTWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>T-cell engager window after the most recent dose. <value>The default is 14 days.</value></summary>
    public TimeSpan TCellEngagerWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Late neurotoxicity watch for BCMA CAR-T after the most recent infusion. <value>The default is 100 days.</value></summary>
    public TimeSpan LateWatchWindow { get; init; } = TimeSpan.FromDays(100);

    /// <summary>How far back an observation still describes the current state. <value>The default is 24 hours.</value></summary>
    public TimeSpan AssessmentWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Clock skew tolerated for observations time-stamped slightly in the future. <value>The default is 5 minutes.</value></summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Age from which ICE replaces CAPD. <value>The default is 12 years.</value></summary>
    public int IceFromAgeYears { get; init; } = 12;

    /// <summary>The defaults of the data contract.</summary>
    public static GradingOptions Default { get; } = new();
}
