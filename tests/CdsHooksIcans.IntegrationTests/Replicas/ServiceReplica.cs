using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>
/// One replica of the service: the built CdsHooksIcans.Service.dll run with <c>dotnet</c> on a loopback port, configured
/// by environment variables as a container would be. <see cref="Kill"/> ends it at once (SIGKILL), as a crashed pod.
/// </summary>
public sealed class ServiceReplica : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = ChildProcess.FreePort();

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServiceReplica> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var replica = new ServiceReplica();
        await replica.StartAgainAsync(settings);
        return replica;
    }

    /// <summary>Starts the process (again) on the same port, as a restarted pod.</summary>
    public async Task StartAgainAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var replica = this;
        _process?.Dispose();
        // The service's build output is copied beside the tests (project reference), with its cards and profiles.
        var folder = AppContext.BaseDirectory;
        var environment = new Dictionary<string, string?>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = replica.BaseUrl.ToString().TrimEnd('/'),
            ["DOTNET_gcServer"] = "0",
        };
        replica._process = ChildProcess.Start("dotnet", [Path.Combine(folder, "CdsHooksIcans.Service.dll")], replica._output, environment, folder);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await ChildProcess.WaitUntilAsync(async () => (await http.GetAsync(new Uri(replica.BaseUrl, "/readyz"))).IsSuccessStatusCode,
            string.Create(CultureInfo.InvariantCulture, $"the replica on port {replica.Port}"), replica._output, replica._process, seconds: 90);
    }

    /// <summary>Ends the process without a graceful stop.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.CompletedTask;
    }
}
