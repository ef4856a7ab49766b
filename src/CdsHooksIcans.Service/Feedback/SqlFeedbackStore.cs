using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// The feedback store over ADO.NET, one implementation for both databases: its SQL is what SQLite and PostgreSQL both
/// speak (named <c>@parameters</c>, <c>ON CONFLICT DO NOTHING</c>), and a dialect supplies connections, migrations,
/// timestamps and what counts as "cannot be reached". Feedback is idempotent: the natural key (service, card, outcome,
/// time, suggestions, reason) is unique, so a client's repeat is stored once.
/// </summary>
public abstract class SqlFeedbackStore : IFeedbackStore
{
    private const string InsertFeedback = """
        INSERT INTO feedback (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions,
                              override_reason_system, override_reason_code, override_reason_display, user_comment, received_at,
                              template_id, card_kind, grade, grade_status, card_issued_at)
        VALUES (@service_id, @card_uuid, @outcome, @outcome_timestamp, @accepted_suggestions,
                @override_reason_system, @override_reason_code, @override_reason_display, @user_comment, @received_at,
                @template_id, @card_kind, @grade, @grade_status, @card_issued_at)
        ON CONFLICT (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions, override_reason_system, override_reason_code)
        DO NOTHING
        """;

    private const string InsertIssued = """
        INSERT INTO issued_card (service_id, card_uuid, template_id, card_kind, grade, grade_status, issued_at)
        VALUES (@service_id, @card_uuid, @template_id, @card_kind, @grade, @grade_status, @issued_at)
        ON CONFLICT (service_id, card_uuid) DO NOTHING
        """;

    private const string IssuedByCard = """
        SELECT card_kind, template_id, grade, grade_status, COUNT(*) FROM issued_card
        WHERE service_id = @service_id AND issued_at >= @from AND issued_at < @to
        GROUP BY card_kind, template_id, grade, grade_status
        """;

    // Rows stored before issued cards were recorded have no card kind and cannot be attributed.
    private const string OutcomesByCard = """
        SELECT card_kind, template_id, grade, grade_status, outcome, COUNT(DISTINCT card_uuid) FROM feedback
        WHERE service_id = @service_id AND outcome_timestamp >= @from AND outcome_timestamp < @to AND card_kind IS NOT NULL
        GROUP BY card_kind, template_id, grade, grade_status, outcome
        """;

    /// <summary>
    /// Version 2 of the schema, the same in both databases but for the timestamp type: the record of issued cards, and
    /// the card each feedback row is about.
    /// </summary>
    protected static string IssuedCardsMigration(string timestamp) => $"""
        CREATE TABLE issued_card (
            service_id   TEXT NOT NULL,
            card_uuid    TEXT NOT NULL,
            template_id  TEXT NOT NULL,
            card_kind    TEXT NOT NULL,
            grade        INTEGER,
            grade_status TEXT,
            issued_at    {timestamp} NOT NULL,
            PRIMARY KEY (service_id, card_uuid)
        );
        CREATE INDEX issued_card_issued_at ON issued_card (issued_at);
        ALTER TABLE feedback ADD COLUMN template_id TEXT;
        ALTER TABLE feedback ADD COLUMN card_kind TEXT;
        ALTER TABLE feedback ADD COLUMN grade INTEGER;
        ALTER TABLE feedback ADD COLUMN grade_status TEXT;
        ALTER TABLE feedback ADD COLUMN card_issued_at {timestamp};
        CREATE INDEX feedback_outcome_timestamp ON feedback (service_id, outcome_timestamp);
        """;

    private readonly Lock _migrationGate = new();
    private Task? _migration;

    /// <summary>What the store is called in a 503 and in the log, e.g. <c>feedback store (PostgreSQL)</c>.</summary>
    protected abstract string Dependency { get; }

    /// <summary>The schema, one script per version (version = index + 1). Scripts are never edited once released.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>A statement, run first in the migration transaction, that keeps other replicas out until it commits.</summary>
    protected abstract string? MigrationLock { get; }

    /// <summary>An open connection.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Work on a fresh connection before the migration transaction (for example a journal mode).</summary>
    protected virtual Task BeforeMigrationAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A timestamp as the database stores it.</summary>
    protected abstract object Timestamp(DateTimeOffset value);

    /// <summary>A stored timestamp read back.</summary>
    protected abstract DateTimeOffset ReadTimestamp(object value);

    /// <summary>Whether <paramref name="exception"/> means the database cannot be reached now (a 503), not a defect (a 500).</summary>
    protected abstract bool IsUnreachable(Exception exception);

    /// <summary>Drops pooled connections after a failure: after a database restart every pooled one is broken.</summary>
    protected virtual void ResetConnections()
    {
    }

    /// <remarks>Migrates once; a failed or cancelled attempt is tried again by the next caller.</remarks>
    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        lock (_migrationGate)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = RunAsync(connection => MigrateAsync(connection, cancellationToken), cancellationToken);
            }

            return _migration;
        }
    }

    public async Task RecordIssuedAsync(IReadOnlyList<IssuedCard> cards, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        await RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = Command(connection, InsertIssued, transaction);
            foreach (var card in cards)
            {
                command.Parameters.Clear();
                AddCardColumns(command, card);
                Add(command, "@issued_at", Timestamp(card.IssuedAt));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, IssuedCard>> FindIssuedAsync(
        string serviceId, IReadOnlyCollection<string> cardUuids, DateTimeOffset issuedSince, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await RunAsync<IReadOnlyDictionary<string, IssuedCard>>(async connection =>
        {
            var uuids = cardUuids.Distinct(StringComparer.Ordinal).ToList();
            var names = string.Join(", ", uuids.Select((_, i) => $"@card{i}"));
            await using var command = Command(connection, $"""
                SELECT card_uuid, template_id, card_kind, grade, grade_status, issued_at FROM issued_card
                WHERE service_id = @service_id AND issued_at >= @since AND card_uuid IN ({names})
                """);
            Add(command, "@service_id", serviceId);
            Add(command, "@since", Timestamp(issuedSince));
            for (var i = 0; i < uuids.Count; i++)
            {
                Add(command, $"@card{i}", uuids[i]);
            }

            var found = new Dictionary<string, IssuedCard>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var uuid = reader.GetString(0);
                found[uuid] = new IssuedCard(serviceId, uuid, reader.GetString(1), reader.GetString(2), NullableInt(reader, 3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), ReadTimestamp(reader.GetValue(5)));
            }

            return found;
        }, cancellationToken);
    }

    public async Task<int> PruneIssuedAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await RunAsync(async connection =>
        {
            await using var command = Command(connection, "DELETE FROM issued_card WHERE issued_at < @before");
            Add(command, "@before", Timestamp(issuedBefore));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<int> SaveAsync(IReadOnlyList<CardFeedback> items, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = Command(connection, InsertFeedback, transaction);
            var stored = 0;
            foreach (var (item, card) in items)
            {
                command.Parameters.Clear();
                AddCardColumns(command, card);
                Add(command, "@outcome", item.Outcome);
                Add(command, "@outcome_timestamp", Timestamp(item.OutcomeTimestamp));
                Add(command, "@accepted_suggestions", SuggestionKey(item.AcceptedSuggestionIds));
                Add(command, "@override_reason_system", item.OverrideReason?.System ?? "");
                Add(command, "@override_reason_code", item.OverrideReason?.Code ?? "");
                Add(command, "@override_reason_display", item.OverrideReason?.Display);
                Add(command, "@user_comment", item.UserComment);
                Add(command, "@received_at", Timestamp(receivedAt));
                Add(command, "@card_issued_at", Timestamp(card.IssuedAt));
                stored += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return stored;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<FeedbackSummaryRow>> SummarizeAsync(
        string serviceId, DateTimeOffset periodStart, DateTimeOffset periodEnd, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await RunAsync<IReadOnlyList<FeedbackSummaryRow>>(async connection =>
        {
            var rows = new SortedDictionary<(string Kind, string Template, int? Grade, string? Status), (long Issued, long Accepted, long Overridden)>();
            await using (var issued = PeriodCommand(connection, IssuedByCard, serviceId, periodStart, periodEnd))
            await using (var reader = await issued.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows[Key(reader)] = (reader.GetInt64(4), 0, 0);
                }
            }

            await using (var outcomes = PeriodCommand(connection, OutcomesByCard, serviceId, periodStart, periodEnd))
            await using (var reader = await outcomes.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = Key(reader);
                    var counts = rows.GetValueOrDefault(key);
                    var count = reader.GetInt64(5);
                    rows[key] = reader.GetString(4) == FeedbackParser.Accepted
                        ? counts with { Accepted = counts.Accepted + count }
                        : counts with { Overridden = counts.Overridden + count };
                }
            }

            return [.. rows.Select(r => new FeedbackSummaryRow(r.Key.Kind, r.Key.Template, r.Key.Grade, r.Key.Status, r.Value.Issued, r.Value.Accepted, r.Value.Overridden))];
        }, cancellationToken);

        static (string, string, int?, string?) Key(DbDataReader reader)
            => (reader.GetString(0), reader.GetString(1), NullableInt(reader, 2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken);
        return await RunAsync(async connection =>
        {
            await using var command = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) >= Migrations.Count;
        }, cancellationToken);
    }

    private async Task<int> MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await BeforeMigrationAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (MigrationLock is { } statement)
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken);
        await using var current = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction);
        var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        for (var next = version + 1; next <= Migrations.Count; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken);
            await using var applied = Command(connection, "INSERT INTO schema_version (version, applied_at) VALUES (@version, @applied_at)", transaction);
            Add(applied, "@version", next);
            Add(applied, "@applied_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await applied.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Migrations.Count - version;
    }

    // Every operation is idempotent, so one that met a connection broken by a database restart is tried once more.
    private async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenConnectionAsync(cancellationToken);
                return await work(connection);
            }
            catch (Exception exception) when (IsUnreachable(exception))
            {
                ResetConnections();
                if (attempt == 2 || cancellationToken.IsCancellationRequested)
                {
                    throw new DependencyUnavailableException(Dependency, exception.GetType().Name);
                }
            }
        }
    }

    private DbCommand PeriodCommand(DbConnection connection, string sql, string serviceId, DateTimeOffset start, DateTimeOffset end)
    {
        var command = Command(connection, sql);
        Add(command, "@service_id", serviceId);
        Add(command, "@from", Timestamp(start));
        Add(command, "@to", Timestamp(end));
        return command;
    }

    private static void AddCardColumns(DbCommand command, IssuedCard card)
    {
        Add(command, "@service_id", card.ServiceId);
        Add(command, "@card_uuid", card.CardUuid);
        Add(command, "@template_id", card.TemplateId);
        Add(command, "@card_kind", card.Kind);
        Add(command, "@grade", card.Grade);
        Add(command, "@grade_status", card.Status);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static int? NullableInt(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static string SuggestionKey(IReadOnlyList<string> ids)
        => ids.Count == 0 ? "" : JsonSerializer.Serialize(ids.Order(StringComparer.Ordinal).Distinct());
}
