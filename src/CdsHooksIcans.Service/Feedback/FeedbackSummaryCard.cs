namespace CdsHooksIcans.Service.Feedback;

/// <summary>One card and grade of a <see cref="FeedbackSummary"/>; rates are of the cards issued in the period.</summary>
public sealed record FeedbackSummaryCard(
    string Kind, string Card, int? Grade, string? Status, long Issued, long Accepted, long Overridden, double? AcceptRate, double? OverrideRate)
{
    public static FeedbackSummaryCard From(FeedbackSummaryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Kind, row.TemplateId, row.Grade, row.Status, row.Issued, row.Accepted, row.Overridden,
            Rate(row.Accepted, row.Issued), Rate(row.Overridden, row.Issued));
    }

    // Feedback in the period on cards issued before it has no denominator here.
    private static double? Rate(long count, long issued) => issued == 0 ? null : Math.Round((double)count / issued, 4);
}
