namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Durable storage of the cards the service issued and of the feedback on them (SQLite embedded, PostgreSQL for replicas).
/// Every method throws <see cref="Protocol.DependencyUnavailableException"/> when the database cannot be reached.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>Brings the schema to the current version; safe to call from several replicas at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Records issued cards in one transaction; a card recorded before is skipped.</summary>
    Task RecordIssuedAsync(IReadOnlyList<IssuedCard> cards, CancellationToken cancellationToken);

    /// <summary>The cards of <paramref name="serviceId"/> among <paramref name="cardUuids"/> issued at or after <paramref name="issuedSince"/>, by uuid.</summary>
    Task<IReadOnlyDictionary<string, IssuedCard>> FindIssuedAsync(
        string serviceId, IReadOnlyCollection<string> cardUuids, DateTimeOffset issuedSince, CancellationToken cancellationToken);

    /// <summary>Deletes the records of cards issued before <paramref name="issuedBefore"/>; feedback rows keep what they need.</summary>
    /// <returns>How many records were deleted.</returns>
    Task<int> PruneIssuedAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken);

    /// <summary>Stores feedback on issued cards in one transaction; an item stored before is skipped.</summary>
    /// <returns>How many items were new.</returns>
    Task<int> SaveAsync(IReadOnlyList<CardFeedback> items, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Cards issued and feedback given within [<paramref name="periodStart"/>, <paramref name="periodEnd"/>), by card and grade.</summary>
    Task<IReadOnlyList<FeedbackSummaryRow>> SummarizeAsync(string serviceId, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken);

    /// <summary>Whether the store can be reached and has the current schema (readiness).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
