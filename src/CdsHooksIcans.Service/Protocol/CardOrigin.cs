namespace CdsHooksIcans.Service.Protocol;

/// <summary>Which card of the content a wire card was made from: recorded when it is issued, never sent.</summary>
/// <param name="TemplateId">The card's id in <c>cards/</c>, e.g. <c>icans-grading-graded</c>.</param>
/// <param name="Kind">The card kind, e.g. <c>grading</c> or <c>order-check</c>.</param>
/// <param name="Grade">The ICANS grade the card was filled for (the lower bound when incomplete); null when none.</param>
/// <param name="Status"><c>graded</c> or <c>incomplete</c>; null when the card is not about a grade.</param>
public sealed record CardOrigin(string TemplateId, string Kind, int? Grade, string? Status);
