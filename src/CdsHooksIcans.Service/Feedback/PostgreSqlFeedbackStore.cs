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
        """
        CREATE TABLE issued_card (
            service_id   TEXT NOT NULL,
            card_uuid    TEXT NOT NULL,
            template_id  TEXT NOT NULL,
            card_kind    TEXT NOT NULL,
            grade        INTEGER,
            grade_status TEXT,
            issued_at    TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (service_id, card_uuid)
        );
        CREATE INDEX issued_card_issued_at ON issued_card (issued_at);
        ALTER TABLE feedback ADD COLUMN template_id TEXT;
        ALTER TABLE feedback ADD COLUMN card_kind TEXT;
        ALTER TABLE feedback ADD COLUMN grade INTEGER;
        ALTER TABLE feedback ADD COLUMN grade_status TEXT;
        ALTER TABLE feedback ADD COLUMN card_issued_at TIMESTAMPTZ;
        CREATE INDEX feedback_outcome_timestamp ON feedback (service_id, outcome_timestamp);
        """,
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
