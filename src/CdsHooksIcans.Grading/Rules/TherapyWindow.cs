using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>Where a patient stands against the monitoring windows of their immune effector cell therapies.</summary>
/// <param name="State">In a window, in the BCMA late watch, outside, date unknown, or no IEC therapy at all.</param>
/// <param name="Therapy">The most recent exposure (a dated one when there is any).</param>
/// <param name="FirstInfusion">The earliest dated exposure: observations before it do not describe ICANS.</param>
/// <param name="DaysSinceInfusion">Whole days from <paramref name="Therapy"/> to now; <c>null</c> when undated.</param>
public sealed record TherapyWindow(
    MonitoringState State,
    IecExposure? Therapy,
    DateTimeOffset? FirstInfusion,
    int? DaysSinceInfusion);
