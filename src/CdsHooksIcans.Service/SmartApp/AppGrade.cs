using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>What <see cref="GradeEndpoint"/> answers: the grading card's extension object, and its text when a card would show.</summary>
/// <param name="Grading">The same object as the grading card's <c>org.cdshooks-icans.grading</c> extension.</param>
/// <param name="Card">The card of <c>cards/</c> the hook would show, or null when none would (no IEC therapy in its window).</param>
/// <param name="Summary">That card's summary, word for word.</param>
/// <param name="Detail">That card's detail (markdown).</param>
public sealed record AppGrade(GradingExtension Grading, string? Card, string? Summary, string? Detail);
