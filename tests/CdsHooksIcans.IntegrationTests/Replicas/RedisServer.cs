using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>Debian's redis-server on a loopback port, without persistence; it can be stopped and started again on the same port.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _program = ChildProcess.Find("redis-server", "apt-get install redis-server");
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = ChildProcess.FreePort();

    /// <summary>A StackExchange.Redis configuration string with short timeouts, so an outage is seen in about a second.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=1000,asyncTimeout=1000";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        _process = ChildProcess.Start(_program,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"],
            _output);
        await ChildProcess.WaitUntilAsync(PingAsync, "redis-server", _output, _process, seconds: 20);
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
