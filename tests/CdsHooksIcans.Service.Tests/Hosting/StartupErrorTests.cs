using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Hosting;

/// <summary>
/// Every row of startup-refused.json against the built binary (the service's dll in this test's output, with its
/// appsettings and content): a start-up refused on configuration exits with code 1 and one stderr line per problem.
/// </summary>
public sealed class StartupErrorTests
{
    private static readonly JsonArray Rows = JsonNode.Parse(File.ReadAllText(
        RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "Hosting", "startup-refused.json"))))!["rows"]!.AsArray();

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var row in Rows)
        {
            cases.Add((string)row!["case"]!);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Service_StartedWithASettingItCannotUse_ExitsWithOneLinePerProblem(string name)
    {
        var row = Rows.Single(r => (string)r!["case"]! == name)!;
        // A port this test holds, for the row about an address in use.
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var busyPort = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Fill(string text) => text.Replace("{busyPort}", busyPort, StringComparison.Ordinal);

        var (exitCode, stderr) = await RunServiceAsync(row["environment"]!.AsObject().ToDictionary(p => p.Key, p => Fill((string)p.Value!)));

        Assert.Equal([.. row["stderr"]!.AsArray().Select(line => Fill((string)line!))], stderr);
        Assert.Equal((int)row["exitCode"]!, exitCode);
    }

    private static async Task<(int ExitCode, string[] Stderr)> RunServiceAsync(Dictionary<string, string> environment)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            // From its folder, as deployed: the content root (appsettings) is the working directory.
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(folder, "CdsHooksIcans.Service.dll"));
        // Nothing of the test runner's own environment may decide the outcome.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CdsHooks__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["CdsHooks__Feedback__DatabasePath"] = Path.Combine(Path.GetTempPath(), $"startup-{Guid.NewGuid():N}.db");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Start-up takes about a second; a row that starts the service instead of refusing it fails here, not hangs.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the service did not exit; stdout: {await stdout}");
        }

        await stdout;
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
