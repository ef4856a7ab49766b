namespace CdsHooksIcans.Service.Feedback;

/// <summary>Durable, idempotent storage of card feedback (SQLite embedded; PostgreSQL is the production choice).</summary>
public interface IFeedbackStore
{
    /// <summary>Creates the schema if it does not exist yet. Called once at start-up.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>Stores the items in one transaction; an item stored before is skipped.</summary>
    /// <returns>How many items were new.</returns>
    Task<int> SaveAsync(IReadOnlyList<FeedbackItem> items, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Whether the store can be reached and has its schema (readiness).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
