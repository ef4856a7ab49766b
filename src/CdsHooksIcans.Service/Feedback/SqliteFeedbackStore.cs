using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Feedback in an embedded SQLite file. Idempotent: the natural key (service, card, outcome, time, suggestions,
/// reason) is unique, and a repeat is skipped by <c>ON CONFLICT DO NOTHING</c>, which PostgreSQL speaks too.
/// </summary>
public sealed class SqliteFeedbackStore : IFeedbackStore
{
    // Key columns are NOT NULL with '' for "none": SQLite treats NULLs as distinct in a UNIQUE constraint.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS feedback (
            id                     INTEGER PRIMARY KEY,
            service_id             TEXT NOT NULL,
            card_uuid              TEXT NOT NULL,
            outcome                TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
            outcome_timestamp      TEXT NOT NULL,
            accepted_suggestions   TEXT NOT NULL,
            override_reason_system TEXT NOT NULL,
            override_reason_code   TEXT NOT NULL,
            override_reason_display TEXT,
            user_comment           TEXT,
            received_at            TEXT NOT NULL,
            UNIQUE (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions, override_reason_system, override_reason_code)
        );
        """;

    private const string Insert = """
        INSERT INTO feedback (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions,
                              override_reason_system, override_reason_code, override_reason_display, user_comment, received_at)
        VALUES ($service_id, $card_uuid, $outcome, $outcome_timestamp, $accepted_suggestions,
                $override_reason_system, $override_reason_code, $override_reason_display, $user_comment, $received_at)
        ON CONFLICT (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions, override_reason_system, override_reason_code)
        DO NOTHING;
        """;

    private readonly string _connectionString;

    public SqliteFeedbackStore(IOptions<FeedbackOptions> options, IHostEnvironment environment)
    {
        DatabasePath = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
    }

    public string DatabasePath { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> SaveAsync(IReadOnlyList<FeedbackItem> items, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;

        var stored = 0;
        foreach (var item in items)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$service_id", item.ServiceId);
            command.Parameters.AddWithValue("$card_uuid", item.CardUuid);
            command.Parameters.AddWithValue("$outcome", item.Outcome);
            command.Parameters.AddWithValue("$outcome_timestamp", Timestamp(item.OutcomeTimestamp));
            command.Parameters.AddWithValue("$accepted_suggestions", SuggestionKey(item.AcceptedSuggestionIds));
            command.Parameters.AddWithValue("$override_reason_system", item.OverrideReason?.System ?? "");
            command.Parameters.AddWithValue("$override_reason_code", item.OverrideReason?.Code ?? "");
            command.Parameters.AddWithValue("$override_reason_display", (object?)item.OverrideReason?.Display ?? DBNull.Value);
            command.Parameters.AddWithValue("$user_comment", (object?)item.UserComment ?? DBNull.Value);
            command.Parameters.AddWithValue("$received_at", Timestamp(receivedAt));
            stored += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'feedback';";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    // One spelling per instant, so "…46.365Z" and "…46.3650Z" are the same key.
    private static string Timestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string SuggestionKey(IReadOnlyList<string> ids)
        => ids.Count == 0 ? "" : JsonSerializer.Serialize(ids.Order(StringComparer.Ordinal).Distinct());

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
