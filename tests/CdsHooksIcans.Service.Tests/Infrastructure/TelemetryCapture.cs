using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>
/// OpenTelemetry's in-memory exporters on a <see cref="CdsServiceFactory"/>: the spans and metrics the service would send
/// to a collector. The service's source and meter are added by its own registration, as for any exporter.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly CdsServiceFactory _factory;
    private readonly List<MetricSnapshot> _metrics = [];

    public TelemetryCapture(CdsServiceFactory factory)
    {
        _factory = factory;
        factory.WithServices(services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics)));
    }

    /// <summary>Ended spans, in the order they ended.</summary>
    public List<Activity> Spans { get; } = [];

    /// <summary>A copy of <see cref="Spans"/> after a flush.</summary>
    public IReadOnlyList<Activity> EndedSpans()
    {
        Flush();
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    /// <summary>Collects now and returns the latest (cumulative) points of <paramref name="name"/>.</summary>
    public IReadOnlyList<MetricPoint> Points(string name)
    {
        Flush();
        lock (_metrics)
        {
            return _metrics.LastOrDefault(m => m.Name == name)?.MetricPoints ?? [];
        }
    }

    /// <summary>The sum of a counter (or the count of a histogram) over its points whose tags include <paramref name="tags"/>.</summary>
    public long Total(string name, params (string Key, object Value)[] tags)
    {
        long total = 0;
        var histogram = IsHistogram(name);
        foreach (var point in Points(name))
        {
            var pointTags = Tags(point);
            if (tags.All(tag => pointTags.TryGetValue(tag.Key, out var value) && Equals(value?.ToString(), tag.Value.ToString())))
            {
                total += histogram ? point.GetHistogramCount() : point.GetSumLong();
            }
        }

        return total;
    }

    /// <summary>Every span name, span attribute value and metric tag value exported so far, for "never exported" checks.</summary>
    public string AllExportedText()
    {
        Flush();
        var texts = new List<string>();
        lock (Spans)
        {
            foreach (var span in Spans)
            {
                texts.Add(span.DisplayName);
                texts.AddRange(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
            }
        }

        lock (_metrics)
        {
            foreach (var metric in _metrics)
            {
                foreach (var point in metric.MetricPoints)
                {
                    texts.AddRange(Tags(point).Select(tag => $"{metric.Name} {tag.Key}={tag.Value}"));
                }
            }
        }

        return string.Join('\n', texts);
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds (at most 10 s): a call's span and measurements are ended after its answer
    /// has gone, so the client can see the answer first.
    /// </summary>
    public async Task WaitUntilAsync(Func<TelemetryCapture, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done(this) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Exports what was measured so far (and every ended span: the tracer's exporter is batched).</summary>
    public void Flush()
    {
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
    }

    public static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    private bool IsHistogram(string name)
    {
        lock (_metrics)
        {
            return _metrics.LastOrDefault(m => m.Name == name)?.MetricType == MetricType.Histogram;
        }
    }
}
