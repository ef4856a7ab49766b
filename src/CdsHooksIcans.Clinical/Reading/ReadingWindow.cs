using System.Text.Json;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// What of a chart the rules can read at one time of grading, as a screen over prefetched resources before they are
/// parsed (docs/adr/0008): observations of graded domains from the earliest start of any grading window, and for a
/// patient with a BCMA CAR-T late findings over the late watch. The time is taken when the call starts, because the
/// screen runs while the data is gathered.
/// </summary>
public sealed class ReadingWindow
{
    private readonly ResourceScreen _screen;
    private readonly DateTimeOffset _now;
    private readonly GradingOptions _options;
    private readonly DateTimeOffset _observedSince;
    private readonly DateTimeOffset? _lateFindingsSince;

    /// <summary>The window for the first records read, before the patient's therapies are known.</summary>
    /// <param name="screen">The screen of the loaded terminology.</param>
    /// <param name="now">The time of grading.</param>
    /// <param name="options">The grading windows.</param>
    public ReadingWindow(ResourceScreen screen, DateTimeOffset now, GradingOptions options)
        : this(screen, now, options, lateFindingsSince: null)
    {
    }

    private ReadingWindow(ResourceScreen screen, DateTimeOffset now, GradingOptions options, DateTimeOffset? lateFindingsSince)
    {
        ArgumentNullException.ThrowIfNull(screen);
        ArgumentNullException.ThrowIfNull(options);
        (_screen, _now, _options, _lateFindingsSince) = (screen, now, options, lateFindingsSince);
        _observedSince = ObservationWindow.EarliestStart(now, options);
    }

    /// <summary>Whether the rules may read the resource (a Bundle entry's <c>resource</c> as JSON) in this window.</summary>
    public bool Keeps(JsonElement resource) => _screen.MayContribute(resource, _observedSince, _lateFindingsSince);

    /// <summary>
    /// The window for the rest of the chart, once the patient's therapies are known: after a BCMA CAR-T, late findings
    /// (and tremors) charted weeks ago still count, so they are kept over the late watch.
    /// </summary>
    public ReadingWindow For(IEnumerable<IecExposure> exposures)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        return _lateFindingsSince is null && exposures.Any(e => e.Product.LateNeurotoxicityWatch)
            ? new ReadingWindow(_screen, _now, _options, LateNeurotoxicityWatch.EarliestStart(_now, _options))
            : this;
    }
}
