using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>Starting the real servers of a deployment (Redis, PostgreSQL, nginx, the service) as child processes, and their ports.</summary>
internal static class ChildProcess
{
    /// <summary>A port free on loopback now (the OS picks it; a race with another process is possible but rare).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A program on PATH or in one of <paramref name="folders"/> (globs of one level, e.g. /usr/lib/postgresql/*/bin).</summary>
    public static string Find(string program, string installHint, params string[] folders)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(folders.SelectMany(Expand))
            .Select(folder => Path.Combine(folder, program));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{program} is not installed ({installHint}); .ci/run installs it.");

        static IEnumerable<string> Expand(string pattern)
        {
            var star = pattern.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                return [pattern];
            }

            var parent = pattern[..(star - 1)];
            var rest = pattern[(pattern.IndexOf('/', star) is var slash and >= 0 ? slash + 1 : pattern.Length)..];
            return Directory.Exists(parent)
                ? Directory.GetDirectories(parent).OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, rest))
                : [];
        }
    }

    /// <summary>Starts a long-running program, its output kept in <paramref name="output"/> for failure messages.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, StringBuilder output, IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a program to its end; a non-zero exit fails with what it printed.</summary>
    public static async Task RunAsync(string fileName, params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = Start(fileName, arguments, output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        }
    }

    /// <summary>Waits until <paramref name="ready"/> holds, or fails naming <paramref name="what"/> and the process output.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> ready, string what, StringBuilder output, Process? process = null, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{what} exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is SocketException or HttpRequestException or IOException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"{what} was not ready within {seconds} s:\n{output}");
    }

    public static bool IsRoot => Environment.UserName == "root";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            // Enough to explain a failure; a chatty server cannot grow it without bound.
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }
}
