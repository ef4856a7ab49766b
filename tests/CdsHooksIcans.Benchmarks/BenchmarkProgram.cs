using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Running;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// <c>floor --responses DIR [--transport-pool] --urls URL</c>: the floor endpoint for load.sh.
/// <c>slow-fhir --delay-ms MS[-MAX] [--body-gap-ms MS] --urls URL</c>: the slow FHIR server for deadline.sh.
/// <c>write-requests DIR [--now ISO-8601]</c>: writes the hook bodies (dates relative to now) for load.sh.
/// <c>loop SCENARIO [SECONDS]</c>: calls one scenario in process for a while, for <c>dotnet-trace collect -- dotnet ...</c>.
/// <c>allocations SCENARIO</c>: bytes allocated per call, and a sample of them by type.
/// <c>stages SCENARIO [SECONDS]</c>: one scenario in a loop, the time of each phase of a call, after a 10 s warm-up.
/// <c>authentication [SECONDS]</c>: an authenticated patient-view call in process, token check and hook call timed apart.
/// <c>gc-pauses PID [SECONDS]</c>: the collections of a running process, each split into suspend, collect and restart.
/// Anything else: BenchmarkDotNet (for example <c>--filter '*'</c>).
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "floor":
                FloorServer.Run(args[1..]);
                break;
            case "slow-fhir":
                SlowFhirServer.Run(args[1..]);
                break;
            case "write-requests":
                WriteRequests(args[1..]);
                break;
            case "allocations":
                Allocations(args[1..]);
                break;
            case "loop":
                Loop(args[1..]);
                break;
            case "stages":
                Stages(args[1..]);
                break;
            case "authentication":
                AuthenticationBenchmark.Run(args[1..]);
                break;
            case "gc-pauses":
                GcPauses.Run(args[1..]);
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                break;
        }
    }

    private static void Loop(string[] args)
    {
        using var service = new InProcessService(BenchmarkClock.Now);
        var (handler, body) = Scenario(service, args.FirstOrDefault());
        var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var (paused, collections) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var calls = 0;
        for (; DateTime.UtcNow < until; calls++)
        {
            InProcessService.CallAsync(handler, body).GetAwaiter().GetResult();
        }

        Console.WriteLine($"{calls} calls in {seconds} s: {seconds * 1e6 / calls:F0} us per call; "
            + $"{GC.CollectionCount(0) - collections} collections, paused {100 * (GC.GetTotalPauseDuration() - paused).TotalSeconds / seconds:F1} % of the time");
    }

    /// <summary>
    /// One scenario in a loop, each call timed by phase as <see cref="InProcessService.CallAsync"/> runs them. The first
    /// 10 s are left out: tiered compilation and dynamic PGO make the early calls several times slower.
    /// </summary>
    private static void Stages(string[] args)
    {
        using var service = new InProcessService(BenchmarkClock.Now);
        var (handler, body) = Scenario(service, args.FirstOrDefault());
        var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var measureFrom = DateTime.UtcNow.AddSeconds(10);
        var until = measureFrom.AddSeconds(seconds);
        var ticks = new long[4];
        var calls = 0;
        for (var now = DateTime.UtcNow; now < until; now = DateTime.UtcNow)
        {
            var started = Stopwatch.GetTimestamp();
            using var document = JsonRequestBody.ReadAsync(InProcessService.Post(body).Request, InProcessService.MaxRequestBytes, CancellationToken.None)
                .GetAwaiter().GetResult();
            var read = Stopwatch.GetTimestamp();
            var request = HookRequestParser.Parse(handler.Definition, document.RootElement);
            var parsed = Stopwatch.GetTimestamp();
            var response = handler.HandleAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            var handled = Stopwatch.GetTimestamp();
            JsonSerializer.SerializeToUtf8Bytes(response, CdsJson.Options);
            var written = Stopwatch.GetTimestamp();
            if (now >= measureFrom)
            {
                (ticks[0], ticks[1], ticks[2], ticks[3]) = (ticks[0] + read - started, ticks[1] + parsed - read, ticks[2] + handled - parsed, ticks[3] + written - handled);
                calls++;
            }
        }

        double Micros(long total) => total * 1e6 / Stopwatch.Frequency / calls;
        Console.WriteLine($"{calls} calls: body read and parse {Micros(ticks[0]):F0} us, envelope {Micros(ticks[1]):F0} us, "
            + $"handler {Micros(ticks[2]):F0} us, response JSON {Micros(ticks[3]):F0} us");
    }

    private static void Allocations(string[] args)
    {
        using var service = new InProcessService(BenchmarkClock.Now);
        var (handler, body) = Scenario(service, args.FirstOrDefault());
        for (var i = 0; i < 500; i++)
        {
            InProcessService.CallAsync(handler, body).GetAwaiter().GetResult();
        }

        const int Calls = 3000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var sampler = new AllocationSampler();
        for (var i = 0; i < Calls; i++)
        {
            InProcessService.CallAsync(handler, body).GetAwaiter().GetResult();
        }

        Console.WriteLine($"{(GC.GetAllocatedBytesForCurrentThread() - before) / Calls / 1024.0:F1} KB per call; sampled by type:");
        foreach (var (type, bytes) in sampler.PerCall(Calls).Take(40))
        {
            Console.WriteLine($"{bytes / 1024,9:F1} KB  {type}");
        }
    }

    private static (IHookHandler Handler, byte[] Body) Scenario(InProcessService service, string? name) => name switch
    {
        "iec-patient-view" => Scenario(service, ServiceDefinitions.PatientViewId, HookRequests.IecPatientView),
        "non-iec-patient-view" => Scenario(service, ServiceDefinitions.PatientViewId, HookRequests.NonIecPatientView),
        "iec-order-sign" => Scenario(service, ServiceDefinitions.OrderSignId, HookRequests.IecOrderSign),
        "small-non-iec-patient-view" => Scenario(service, ServiceDefinitions.PatientViewId, HookRequests.SmallNonIecPatientView),
        "compact-iec-patient-view" => Scenario(service, ServiceDefinitions.PatientViewId, HookRequests.CompactIecPatientView),
        var other => throw new ArgumentException(
            $"the scenario is iec-patient-view, non-iec-patient-view, iec-order-sign, small-non-iec-patient-view or compact-iec-patient-view, not '{other}'"),
    };

    private static (IHookHandler Handler, byte[] Body) Scenario(
        InProcessService service, string serviceId, Func<CdsServiceDefinition, DateTimeOffset, byte[]> body)
    {
        var handler = service.Handler(serviceId);
        return (handler, body(handler.Definition, BenchmarkClock.Now));
    }

    private static void WriteRequests(string[] args)
    {
        var directory = args.FirstOrDefault() ?? throw new ArgumentException("write-requests needs a directory");
        var now = Array.IndexOf(args, "--now") is var i and >= 0 && i + 1 < args.Length
            ? DateTimeOffset.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture)
            : DateTimeOffset.UtcNow;

        using var service = new InProcessService(now);
        var patientView = service.Handler(ServiceDefinitions.PatientViewId).Definition;
        var orderSign = service.Handler(ServiceDefinitions.OrderSignId).Definition;
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "iec-patient-view.json"), HookRequests.IecPatientView(patientView, now));
        File.WriteAllBytes(Path.Combine(directory, "non-iec-patient-view.json"), HookRequests.NonIecPatientView(patientView, now));
        File.WriteAllBytes(Path.Combine(directory, "iec-order-sign.json"), HookRequests.IecOrderSign(orderSign, now));
        File.WriteAllBytes(Path.Combine(directory, "small-non-iec-patient-view.json"), HookRequests.SmallNonIecPatientView(patientView, now));
        File.WriteAllBytes(Path.Combine(directory, "compact-iec-patient-view.json"), HookRequests.CompactIecPatientView(patientView, now));
        Console.WriteLine($"Wrote 5 request bodies to {directory} (now = {now:O}); prefetch keys: "
            + string.Join(", ", patientView.Prefetch.Select(q => q.Key)) + " / " + string.Join(", ", orderSign.Prefetch.Select(q => q.Key)));
    }
}
