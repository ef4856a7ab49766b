using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// <c>gc-pauses PID SECONDS</c>: the garbage collections of a running process (the service under load.sh or wrk), each
/// split into suspending the threads, the collection itself and restarting them, from the runtime's GC events.
/// Pause totals alone (dotnet-counters) cannot tell a long collection from threads that were slow to stop or restart.
/// </summary>
internal static class GcPauses
{
    public static void Run(string[] args)
    {
        var pid = int.Parse(args[0], CultureInfo.InvariantCulture);
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
        };

        using var session = new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var collections = new List<Collection>();
        var current = new Collection();
        source.Clr.GCSuspendEEStart += e => current = new Collection { SuspendStart = e.TimeStampRelativeMSec };
        source.Clr.GCSuspendEEStop += e => current.SuspendEnd = e.TimeStampRelativeMSec;
        source.Clr.GCStart += e => (current.Start, current.Generation) = (e.TimeStampRelativeMSec, e.Depth);
        source.Clr.GCStop += e => current.End = e.TimeStampRelativeMSec;
        source.Clr.GCGlobalHeapHistory += e => current.Heaps = e.NumHeaps;
        source.Clr.GCRestartEEStart += e => current.RestartStart = e.TimeStampRelativeMSec;
        source.Clr.GCRestartEEStop += e =>
        {
            // A collection seen from its suspension on; one already under way when the session began is left out.
            if (current.SuspendStart > 0 && current.Start > 0)
            {
                current.RestartEnd = e.TimeStampRelativeMSec;
                collections.Add(current);
            }
        };

        var processing = Task.Run(source.Process);
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        session.Stop();
        processing.Wait();

        foreach (var c in collections)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"gen{c.Generation} heaps {c.Heaps}: suspend {c.SuspendEnd - c.SuspendStart,5:F2} ms, collect {c.End - c.Start,5:F2} ms, restart {c.RestartEnd - c.RestartStart,5:F2} ms, paused {c.Paused,5:F2} ms"));
        }

        if (collections.Count > 0)
        {
            var paused = collections.Select(c => c.Paused).Order().ToList();
            Console.WriteLine(FormattableString.Invariant(
                $"{collections.Count} collections in {seconds} s ({collections.Count / (double)seconds:F1}/s); paused {paused.Sum() / (10.0 * seconds):F2} % of the time; pause median {paused[paused.Count / 2]:F2} ms, max {paused[^1]:F2} ms; mean suspend {collections.Average(c => c.SuspendEnd - c.SuspendStart):F2}, collect {collections.Average(c => c.End - c.Start):F2}, restart {collections.Average(c => c.RestartEnd - c.RestartStart):F2} ms"));
        }
    }

    private sealed class Collection
    {
        public double SuspendStart { get; set; }

        public double SuspendEnd { get; set; }

        public double Start { get; set; }

        public double End { get; set; }

        public double RestartStart { get; set; }

        public double RestartEnd { get; set; }

        public int Generation { get; set; }

        public int Heaps { get; set; }

        public double Paused => RestartEnd - SuspendStart;
    }
}
