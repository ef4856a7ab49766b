namespace CdsHooksIcans.Service.Feedback;

/// <summary>The database behind <see cref="IFeedbackStore"/>.</summary>
public enum FeedbackProvider
{
    /// <summary>An embedded SQLite file: the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that every replica shares.</summary>
    PostgreSql,
}
