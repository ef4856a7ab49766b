using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>
/// The local FHIR server of tests/fhir-server (Medplum's FhirRouter over an in-memory repository) as a child process,
/// loaded with the scenario Bundles of fhir-profiles/scenarios. Installs its npm packages when they are missing. A server
/// that cannot start fails every test of the collection with the reason: these tests never skip.
/// <see cref="SmartFhirServer"/> is the same process started with --smart.
/// </summary>
public partial class LocalFhirServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string ServerFolder = RepositoryRoot.File(Path.Combine("tests", "fhir-server"));

    private readonly StringBuilder _output = new();
    private readonly string _extraArguments;
    private Process? _node;

    public LocalFhirServer()
        : this(extraArguments: "")
    {
    }

    /// <param name="extraArguments">More server.mjs options, e.g. --smart.</param>
    protected LocalFhirServer(string extraArguments) => _extraArguments = extraArguments;

    /// <summary>One client for the admin endpoints of every server this process starts.</summary>
    protected static HttpClient Admin { get; } = new();

    /// <summary>The FHIR base URL, e.g. http://127.0.0.1:40123/fhir.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!Directory.Exists(Path.Combine(ServerFolder, "node_modules")))
        {
            await RunToEndAsync("npm", "ci --no-audit --no-fund", "installing the FHIR server's npm packages (npm ci in tests/fhir-server)");
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _node = Start("node", $"server.mjs --port 0 --load \"{RepositoryRoot.File(Path.Combine("fhir-profiles", "scenarios"))}\" {_extraArguments}");
        _node.OutputDataReceived += (_, e) =>
        {
            Record(e.Data);
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        };
        _node.ErrorDataReceived += (_, e) => Record(e.Data);
        _node.EnableRaisingEvents = true;
        _node.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(Failure("exited before it listened")));
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();

        try
        {
            BaseUrl = await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException(Failure($"did not listen within {StartTimeout.TotalSeconds} s"));
        }
    }

    /// <summary>Every FHIR request the server received since the last <see cref="ClearRequestLogAsync"/>.</summary>
    public async Task<IReadOnlyList<LoggedRequest>> RequestLogAsync()
        => (await Admin.GetFromJsonAsync<RequestLog>(AdminUrl("requests")))!.Requests;

    public async Task ClearRequestLogAsync()
    {
        using var response = await Admin.DeleteAsync(AdminUrl("requests"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes every FHIR answer wait this long (0 turns it off).</summary>
    public async Task SetLatencyAsync(TimeSpan latency)
    {
        using var response = await Admin.PutAsync(AdminUrl($"delay?ms={(int)latency.TotalMilliseconds}"), null);
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_node is null)
        {
            return;
        }

        // Closing stdin is the server's signal to stop; kill only if it does not.
        _node.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _node.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }

        _node.Dispose();
    }

    protected Uri AdminUrl(string path) => new(BaseUrl, "/_admin/" + path);

    private static Process Start(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = ServerFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"The local FHIR server needs Node.js 20 on PATH ('{fileName}' could not be started: {ex.Message}).", ex);
        }
    }

    private static async Task RunToEndAsync(string fileName, string arguments, string what)
    {
        using var process = Start(fileName, arguments);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Failed {what}: exit code {process.ExitCode}\n{await stdout}\n{await stderr}");
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Failure(string what)
    {
        lock (_output)
        {
            return $"The local FHIR server (tests/fhir-server/server.mjs) {what}. Its output:\n{_output}";
        }
    }

    [GeneratedRegex(@"FHIR server listening on (?<url>http://\S+)")]
    private static partial Regex ListeningLine();

    private sealed record RequestLog([property: JsonPropertyName("requests")] IReadOnlyList<LoggedRequest> Requests);
}

/// <summary>One request as the local FHIR server logged it; times are Unix milliseconds of the server's clock.</summary>
public sealed record LoggedRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("receivedMs")] long ReceivedMs,
    [property: JsonPropertyName("answeredMs")] long? AnsweredMs)
{
    /// <summary>The resource type (or type/id) asked for, e.g. "Observation" for /fhir/Observation?patient=...</summary>
    public string Target => Url.Split('?')[0]["/fhir/".Length..];

    public string ResourceType => Target.Split('/')[0];
}

[CollectionDefinition(Name)]
public sealed class UsesLocalFhirServer : ICollectionFixture<LocalFhirServer>
{
    public const string Name = "Local FHIR server";
}
