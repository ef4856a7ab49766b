using System.Globalization;
using System.Text;
using Npgsql;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>
/// A PostgreSQL 15 cluster of its own in a temporary folder, on a loopback port, trusting local connections. PostgreSQL
/// refuses to run as root, so when the tests run as root the cluster belongs to the unprivileged <c>postgres</c> user
/// (Debian's, or created here) and every server command runs as that user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Hint = "the postgresql-15 package; this machine kind ships its binaries";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cdshooks-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _pgCtl = ChildProcess.Find("pg_ctl", Hint, "/usr/lib/postgresql/*/bin");
    private readonly string _initDb = ChildProcess.Find("initdb", Hint, "/usr/lib/postgresql/*/bin");

    public int Port { get; } = ChildProcess.FreePort();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=cdshooks;Database=postgres;Timeout=3;Command Timeout=10";

    private string Data => Path.Combine(_folder, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        Directory.CreateDirectory(server._folder);
        if (ChildProcess.IsRoot)
        {
            await EnsureUserAsync();
            await ChildProcess.RunAsync("chown", "postgres:", server._folder);
        }

        await AsServerUserAsync(server._initDb, "-D", server.Data, "-U", "cdshooks", "-A", "trust", "-E", "UTF8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await AsServerUserAsync(_pgCtl, "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-o", options, "-w", "-t", "60", "start");
        await ChildProcess.WaitUntilAsync(CanQueryAsync, "PostgreSQL", new StringBuilder(), seconds: 30);
    }

    public Task StopAsync() => AsServerUserAsync(_pgCtl, "-D", Data, "-m", "fast", "-w", "stop");

    /// <summary>Rows of a query, for checking what the service stored.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of a query's rows, as text.</summary>
    public async Task<HashSet<string>> ValuesAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task<bool> CanQueryAsync()
    {
        try
        {
            return await CountAsync("SELECT 1") == 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static Task AsServerUserAsync(string program, params string[] arguments)
        => ChildProcess.IsRoot ? ChildProcess.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : ChildProcess.RunAsync(program, arguments);

    private static async Task EnsureUserAsync()
    {
        try
        {
            await ChildProcess.RunAsync("id", "-u", "postgres");
        }
        catch (InvalidOperationException)
        {
            await ChildProcess.RunAsync("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres");
        }
    }
}
