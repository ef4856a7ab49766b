using System.Diagnostics.Tracing;

namespace CdsHooksIcans.Benchmarks;

/// <summary>
/// Which types a scenario allocates, from the runtime's AllocationTick events (one per ~100 KB allocated, naming the type
/// of the object that crossed the mark), so the counts are a sample proportional to bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = [];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytesByType)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }

    /// <summary>The sampled bytes per call by type, largest first.</summary>
    public IEnumerable<(string Type, double BytesPerCall)> PerCall(int calls)
    {
        lock (_bytesByType)
        {
            return [.. _bytesByType.OrderByDescending(pair => pair.Value).Select(pair => (pair.Key, (double)pair.Value / calls))];
        }
    }
}
