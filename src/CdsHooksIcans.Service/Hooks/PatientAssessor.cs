using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// What both hooks do first: gather in two phases under one deadline, extract, grade. Phase 1 (therapy records)
/// decides whether the patient ever had an IEC therapy; only then is phase 2 read, so most chart openings stop early.
/// </summary>
public sealed class PatientAssessor(
    ClinicalDataGatherer gatherer,
    FindingsExtractor extractor,
    ResourceScreen screen,
    IOptions<GradingOptions> grading,
    TimeProvider clock,
    CdsTelemetry telemetry)
{
    /// <returns>The assessment, or null when the patient had no IEC therapy.</returns>
    public async Task<PatientAssessment?> AssessAsync(HookRequest request, IReadOnlyList<PrefetchQuery> queries, CancellationToken cancellationToken)
    {
        // One deadline for the whole hook call, from its arrival: each phase gets what is left of it.
        var started = request.ReceivedTimestamp ?? clock.GetTimestamp();
        var now = clock.GetUtcNow();
        // Only what the rules can read at this time is parsed: most of a chart is not about ICANS.
        var window = new ReadingWindow(screen, now, grading.Value);

        var first = await gatherer.GatherAsync(
            request, [.. queries.Where(q => q.Phase == 1)], cancellationToken, gatherer.HookDeadline - clock.GetElapsedTime(started), window.Keeps);
        var extraction = extractor.Begin(request.PatientId);
        extraction.Add(first.Resources.Values.SelectMany(r => r));
        var exposures = extraction.Exposures;
        if (exposures.Count == 0)
        {
            return null;
        }

        var second = await gatherer.GatherAsync(
            request, [.. queries.Where(q => q.Phase > 1)], cancellationToken, gatherer.HookDeadline - clock.GetElapsedTime(started), window.For(exposures).Keeps);
        extraction.Add(second.Resources.Values.SelectMany(r => r));
        var assessment = IcansGrader.Assess(extraction.Finish(), now, grading.Value);
        // A client's calls only: the warm-up's synthetic patient (HookWarmUp) is graded outside any call.
        if (HookCallScope.Current is not null)
        {
            telemetry.Assessed(request.ServiceId, assessment.LowerBound, assessment.Status == GradingStatus.Incomplete);
        }

        return new PatientAssessment(
            assessment,
            now,
            first.Resources.Concat(second.Resources).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal),
            [.. first.Unavailable, .. first.Truncated, .. second.Unavailable, .. second.Truncated]);
    }
}
