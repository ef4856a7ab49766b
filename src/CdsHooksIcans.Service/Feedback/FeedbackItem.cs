using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>What a clinician did with one card, as a CDS client reported it.</summary>
/// <param name="ServiceId">The service whose card it was.</param>
/// <param name="CardUuid">The card's uuid.</param>
/// <param name="Outcome"><c>accepted</c> or <c>overridden</c>.</param>
/// <param name="AcceptedSuggestionIds">The uuids of the suggestions taken; empty for an override.</param>
/// <param name="OverrideReason">The reason the clinician picked, when one was (display is often absent: the sandbox drops it).</param>
/// <param name="UserComment">The clinician's free-text comment, when given.</param>
/// <param name="OutcomeTimestamp">When the clinician acted.</param>
public sealed record FeedbackItem(
    string ServiceId,
    string CardUuid,
    string Outcome,
    IReadOnlyList<string> AcceptedSuggestionIds,
    CdsCoding? OverrideReason,
    string? UserComment,
    DateTimeOffset OutcomeTimestamp);
