namespace CdsHooksIcans.Service.Feedback;

/// <summary>One card and grade over a period: how often it was issued and what clinicians did with it.</summary>
/// <param name="Kind">The card kind.</param>
/// <param name="TemplateId">The card in <c>cards/</c>.</param>
/// <param name="Grade">The grade it was filled for, if any.</param>
/// <param name="Status"><c>graded</c> or <c>incomplete</c>, if about a grade.</param>
/// <param name="Issued">Cards issued in the period (counted only while their records are kept: the retention period).</param>
/// <param name="Accepted">Cards with an <c>accepted</c> outcome in the period.</param>
/// <param name="Overridden">Cards with an <c>overridden</c> outcome in the period.</param>
public sealed record FeedbackSummaryRow(string Kind, string TemplateId, int? Grade, string? Status, long Issued, long Accepted, long Overridden);
