namespace CdsHooksIcans.Grading;

/// <summary>Windows and thresholds of the grading rules. The defaults follow the data contract; a deployment may change them.</summary>
public sealed record GradingOptions
{
    /// <summary>CAR-T monitoring window after the most recent infusion. <value>The default is 30 days.</value></summary>
    public TimeSpan CarTWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>T-cell engager window after the most recent dose. <value>The default is 14 days.</value></summary>
    public TimeSpan TCellEngagerWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Late neurotoxicity watch for BCMA CAR-T after the most recent infusion: the late-watch note shows, and late
    /// neurotoxicity findings charted since the first infusion (at most this long ago) raise their card.
    /// <value>
    /// The default is 365 days: Cohen et al. (Blood Cancer J 2022;12:32) advise neurological follow-up beyond day 100
    /// after cilta-cel without an end, and parkinsonism has started as late as day 81 with a facial palsy at day 91, so a
    /// watch that stopped at day 100 ended while its own card advised follow-up (docs/adr/0020-late-neurotoxicity-watch-and-findings.md).
    /// </value>
    /// </summary>
    public TimeSpan LateWatchWindow { get; init; } = TimeSpan.FromDays(365);

    /// <summary>How far back an observation still describes the current state. <value>The default is 24 hours.</value></summary>
    public TimeSpan AssessmentWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Clock skew tolerated for observations time-stamped slightly in the future. <value>The default is 5 minutes.</value></summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Age from which ICE replaces CAPD. <value>The default is 12 years.</value></summary>
    public int IceFromAgeYears { get; init; } = 12;

    /// <summary>
    /// What is wrong with these options, one sentence each naming the setting; empty when they are usable. Every window
    /// must be positive, the clock tolerance between 0 and 1 hour, the late watch at least as long as the CAR-T window
    /// (it follows that window), and the ICE age between 0 and 18.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be longer than zero (it is {value}).");
            }
        }

        Positive(CarTWindow, nameof(CarTWindow));
        Positive(TCellEngagerWindow, nameof(TCellEngagerWindow));
        Positive(LateWatchWindow, nameof(LateWatchWindow));
        Positive(AssessmentWindow, nameof(AssessmentWindow));
        if (FutureTolerance < TimeSpan.Zero || FutureTolerance > TimeSpan.FromHours(1))
        {
            problems.Add($"{nameof(FutureTolerance)} must be between 0 and 1 hour (it is {FutureTolerance}).");
        }

        if (LateWatchWindow < CarTWindow)
        {
            problems.Add($"{nameof(LateWatchWindow)} ({LateWatchWindow}) must not be shorter than {nameof(CarTWindow)} ({CarTWindow}): the late watch follows the ICANS window.");
        }

        if (IceFromAgeYears is < 0 or > 18)
        {
            problems.Add($"{nameof(IceFromAgeYears)} must be between 0 and 18 (it is {IceFromAgeYears}).");
        }

        return problems;
    }

    /// <summary>The defaults of the data contract.</summary>
    public static GradingOptions Default { get; } = new();
}
