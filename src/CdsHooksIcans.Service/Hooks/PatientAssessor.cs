using System.Text.Json;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Rules;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;
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
    TimeProvider clock)
{
    /// <returns>The assessment, or null when the patient had no IEC therapy.</returns>
    public async Task<PatientAssessment?> AssessAsync(HookRequest request, IReadOnlyList<PrefetchQuery> queries, CancellationToken cancellationToken)
    {
        // One deadline for the whole hook call: the second phase gets what the first left.
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        // Only what the rules can read at this time is parsed: most of a chart is not about ICANS.
        var observedSince = ObservationWindow.EarliestStart(now, grading.Value);
        Func<JsonElement, bool> keep = resource => screen.MayContribute(resource, observedSince);

        var first = await gatherer.GatherAsync(request, [.. queries.Where(q => q.Phase == 1)], cancellationToken, keepEntry: keep);
        var exposures = extractor.Extract(request.PatientId, first.Resources.Values.SelectMany(r => r)).Exposures;
        if (exposures.IsEmpty)
        {
            return null;
        }

        // After BCMA CAR-T, late findings (and tremors) charted weeks ago still count: keep them over the late watch.
        if (exposures.Any(e => e.Product.LateNeurotoxicityWatch))
        {
            var lateSince = LateNeurotoxicityWatch.EarliestStart(now, grading.Value);
            keep = resource => screen.MayContribute(resource, observedSince, lateSince);
        }

        var second = await gatherer.GatherAsync(
            request, [.. queries.Where(q => q.Phase > 1)], cancellationToken, gatherer.HookDeadline - clock.GetElapsedTime(started), keep);
        IEnumerable<Resource> all = [.. first.Resources.Values.SelectMany(r => r), .. second.Resources.Values.SelectMany(r => r)];
        return new PatientAssessment(
            IcansGrader.Assess(extractor.Extract(request.PatientId, all), now, grading.Value),
            now,
            first.Resources.Concat(second.Resources).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal),
            [.. first.Unavailable, .. first.Truncated, .. second.Unavailable, .. second.Truncated]);
    }
}
