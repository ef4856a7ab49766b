using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>One assessment time of the course: the scores charted then, and the grade the chart gave at that moment.</summary>
/// <param name="Time">When a graded domain was charted.</param>
/// <param name="Day">Fractional days since the first infusion (day 0); null when no infusion is dated.</param>
/// <param name="Ice">The ICE total charted at this time; null when none was, or it was not done.</param>
/// <param name="Capd">The CAPD total charted at this time; null when none was, or it was not done.</param>
/// <param name="NotDone">True when an ICE or CAPD attempt at this time was not done (and no score of that tool was charted then).</param>
/// <param name="NotDoneReason">Why, when the chart says.</param>
/// <param name="Grading">The grading extension object as a card at this time would carry it, from what was charted up to then.</param>
public sealed record CourseAssessment(
    DateTimeOffset Time,
    double? Day,
    int? Ice,
    int? Capd,
    bool? NotDone,
    string? NotDoneReason,
    GradingExtension Grading);
