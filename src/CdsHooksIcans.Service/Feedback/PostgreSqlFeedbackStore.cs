using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Feedback in a PostgreSQL database every replica shares (<c>CdsHooks:Feedback:Provider = PostgreSql</c>,
/// <c>ConnectionStrings:Feedback</c>). The same rows as <see cref="SqliteFeedbackStore"/>, with real timestamps.
/// </summary>
public sealed class PostgreSqlFeedbackStore(string connectionString) : SqlFeedbackStore, IAsyncDisposable
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS feedback (
            id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            service_id              TEXT NOT NULL,
            card_uuid               TEXT NOT NULL,
            outcome                 TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
            outcome_timestamp       TIMESTAMPTZ NOT NULL,
            accepted_suggestions    TEXT NOT NULL,
            override_reason_system  TEXT NOT NULL,
            override_reason_code    TEXT NOT NULL,
            override_reason_display TEXT,
            user_comment            TEXT,
            received_at             TIMESTAMPTZ NOT NULL,
            UNIQUE (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions, override_reason_system, override_reason_code)
        );
        """,
        IssuedCardsMigration(timestamp: "TIMESTAMPTZ"),
    ];

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string Dependency => "feedback store (PostgreSQL)";

    protected override IReadOnlyList<string> Migrations => Schema;

    // Replicas starting together migrate one after the other; the lock ends with the transaction.
    protected override string? MigrationLock => "SELECT pg_advisory_xact_lock(7319020190)";

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override object Timestamp(DateTimeOffset value) => value.ToUniversalTime();

    protected override DateTimeOffset ReadTimestamp(object value) => value switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset offset => offset,
        _ => throw new InvalidCastException($"A timestamp column returned {value.GetType().Name}."),
    };

    // A server error about the statement (PostgresException, not transient) is a defect; anything about reaching it is not.
    protected override bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    protected override void ResetConnections() => _dataSource.Clear();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
