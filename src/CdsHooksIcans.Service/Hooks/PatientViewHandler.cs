using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// patient-view: gather, extract, grade, render. A patient with no IEC therapy leaves right after the first phase
/// with no cards: that is most chart openings, so it is the cheapest path.
/// </summary>
public sealed class PatientViewHandler(
    IcansContent content,
    ClinicalDataGatherer gatherer,
    FindingsExtractor extractor,
    IOptions<GradingOptions> grading,
    IIdGenerator ids,
    TimeProvider clock) : IHookHandler
{
    public CdsServiceDefinition Definition { get; } = ServiceDefinitions.PatientView(content.Terminology);

    public async Task<CdsResponse> HandleAsync(HookRequest request, CancellationToken cancellationToken)
    {
        var (findings, unavailable) = await ClinicalData.GatherFindingsAsync(gatherer, extractor, clock, request, Definition.Prefetch, cancellationToken);
        if (findings is null)
        {
            return CdsResponse.Empty;
        }

        var now = clock.GetUtcNow();
        var assessment = IcansGrader.Assess(findings, now, grading.Value);
        if (!assessment.ShowGradingCard)
        {
            return CdsResponse.Empty;
        }

        var values = GradingCard.Values(assessment, new GradingContext(request.PatientId, now, [.. unavailable.Select(u => (u.Key, u.Reason))]));
        var card = GradingCard.SelectTemplate(content.Cards, assessment)
            .Fill(values, assessment.Grade, ids)
            .ToWire(new Dictionary<string, object> { [GradingExtension.Key] = GradingCard.Extension(assessment) });
        return new CdsResponse([card]);
    }
}

/// <summary>The two-phase gather shared by both hooks.</summary>
public static class ClinicalData
{
    /// <summary>
    /// Phase 1 (therapy records) decides whether the patient ever had an IEC therapy; only then is phase 2 read.
    /// Returns null findings for a patient with no IEC therapy.
    /// </summary>
    /// <returns>The findings (null when the patient had no IEC therapy) and the optional data that was missing or partial.</returns>
    public static async Task<(PatientFindings? Findings, IReadOnlyList<UnavailableData> Unavailable)> GatherFindingsAsync(
        ClinicalDataGatherer gatherer,
        FindingsExtractor extractor,
        TimeProvider clock,
        HookRequest request,
        IReadOnlyList<PrefetchQuery> queries,
        CancellationToken cancellationToken)
    {
        // One deadline for the whole hook call: the second phase gets what the first left.
        var started = clock.GetTimestamp();
        var first = await gatherer.GatherAsync(request, [.. queries.Where(q => q.Phase == 1)], cancellationToken);
        var findings = extractor.Extract(request.PatientId, first.Resources.Values.SelectMany(r => r));
        if (findings.Exposures.IsEmpty)
        {
            return (null, [.. first.Unavailable, .. first.Truncated]);
        }

        var second = await gatherer.GatherAsync(request, [.. queries.Where(q => q.Phase > 1)], cancellationToken, gatherer.HookDeadline - clock.GetElapsedTime(started));
        IEnumerable<Resource> all = [.. first.Resources.Values.SelectMany(r => r), .. second.Resources.Values.SelectMany(r => r)];
        return (extractor.Extract(request.PatientId, all), [.. first.Unavailable, .. first.Truncated, .. second.Unavailable, .. second.Truncated]);
    }
}
