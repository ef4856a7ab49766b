namespace CdsHooksIcans.Service.Feedback;

/// <summary>The answer of <c>GET /cds-services/{id}/feedback/summary</c>: what clinicians did with each card and grade.</summary>
/// <param name="Service">The CDS service.</param>
/// <param name="From">Start of the period (inclusive).</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="IssuedCountedFrom">Issued cards are counted from here: records older than the retention period are deleted.</param>
/// <param name="Cards">One row per card and grade.</param>
public sealed record FeedbackSummary(string Service, DateTimeOffset From, DateTimeOffset To, DateTimeOffset IssuedCountedFrom, IReadOnlyList<FeedbackSummaryCard> Cards)
{
    public static FeedbackSummary Of(string service, DateTimeOffset from, DateTimeOffset to, DateTimeOffset retainedSince, IReadOnlyList<FeedbackSummaryRow> rows)
        => new(service, from, to, from > retainedSince ? from : retainedSince, [.. rows.Select(FeedbackSummaryCard.From)]);
}
