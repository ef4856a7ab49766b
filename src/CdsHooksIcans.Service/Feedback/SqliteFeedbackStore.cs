using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>Feedback in an embedded SQLite file: the default, for a single instance.</summary>
public sealed class SqliteFeedbackStore : SqlFeedbackStore
{
    // Key columns are NOT NULL with '' for "none": SQLite treats NULLs as distinct in a UNIQUE constraint.
    // Version 1 is the table of the first release, so a file it wrote is taken over as it is.
    private static readonly string[] Schema =
    [
        """
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
        """,
        IssuedCardsMigration(timestamp: "TEXT"),
    ];

    // SQLite's primary result codes that mean the file cannot be used now, not that the statement is wrong.
    private static readonly HashSet<int> UnavailableCodes = [5 /* BUSY */, 6 /* LOCKED */, 8 /* READONLY */, 10 /* IOERR */, 13 /* FULL */, 14 /* CANTOPEN */];

    private readonly string _connectionString;
    private volatile bool _folderExists;

    public SqliteFeedbackStore(IOptions<FeedbackOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        DatabasePath = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 5,
        }.ToString();
    }

    public string DatabasePath { get; }

    protected override string Dependency => "feedback store (SQLite)";

    protected override IReadOnlyList<string> Migrations => Schema;

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already takes the write lock.
    protected override string? MigrationLock => null;

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // SQLite creates the file, not its folder (a fresh clone has no data/); made on first use, not in the constructor,
        // so a folder that cannot be made is a 503 for feedback rather than a service that cannot start its hooks.
        if (!_folderExists)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            _folderExists = true;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task BeforeMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // WAL lets the summary read while hooks record issued cards; it cannot be switched inside a transaction.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // One spelling per instant, so "…46.365Z" and "…46.3650Z" are the same key, and text order is time order.
    protected override object Timestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTimestamp(object value)
        => DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    protected override bool IsUnreachable(Exception exception)
        => exception is SqliteException sqlite ? UnavailableCodes.Contains(sqlite.SqliteErrorCode & 0xFF)
            : exception is IOException or UnauthorizedAccessException;
}
