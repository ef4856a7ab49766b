namespace CdsHooksIcans.Clinical.Cards;

/// <summary>The <c>org.cdshooks-icans.grading</c> card extension of data-contract §4 (empty lists are null so they are omitted).</summary>
public sealed record GradingExtension(
    string Status,
    int? Grade,
    int LowerBound,
    int? CrsGrade,
    string? Therapy,
    int? DaysSinceInfusion,
    IReadOnlyList<string>? DrivingDomains,
    IReadOnlyList<string>? Evidence,
    IReadOnlyList<string>? MissingDomains,
    bool? LateOnset)
{
    public const string Key = "org.cdshooks-icans.grading";
}
