using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Management;
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
        var gathered = await ClinicalData.GatherFindingsAsync(gatherer, extractor, clock, request, Definition.Prefetch, cancellationToken);
        if (gathered.Findings is null)
        {
            return CdsResponse.Empty;
        }

        var now = clock.GetUtcNow();
        var assessment = IcansGrader.Assess(gathered.Findings, now, grading.Value);
        var situation = IcansSituation.From(assessment);
        var plan = ManagementPlan.For(situation, content.Dosing.Policy);
        var cards = new List<Card>();
        if (assessment.ShowGradingCard)
        {
            var values = GradingCard.Values(assessment, new GradingContext(request.PatientId, now, [.. gathered.Unavailable.Select(u => (u.Key, u.Reason))]));
            cards.Add(GradingCard.SelectTemplate(content.Cards, assessment)
                .Fill(values, assessment.Grade, ids)
                .ToWire(new Dictionary<string, object> { [GradingExtension.Key] = GradingCard.Extension(assessment) }));
        }

        // Management follows the grading card: the grade first, then what to do about it.
        var management = ManagementCards.Values(assessment, plan, request.PatientId, now);
        cards.AddRange(ManagementCards.Select(content.Cards, assessment, situation, now)
            .Select(t => t.Fill(management, plan.Grade, ids, situation.Pediatric).ToWire()));
        return new CdsResponse(cards);
    }
}

/// <summary>The two-phase gather shared by both hooks.</summary>
public static class ClinicalData
{
    /// <summary>
    /// Phase 1 (therapy records) decides whether the patient ever had an IEC therapy; only then is phase 2 read.
    /// Returns null findings for a patient with no IEC therapy.
    /// </summary>
    /// <returns>The findings (null when the patient had no IEC therapy), the resources of each key, and the optional data that was missing or partial.</returns>
    public static async Task<GatheredFindings> GatherFindingsAsync(
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
            return new GatheredFindings(null, first.Resources, [.. first.Unavailable, .. first.Truncated]);
        }

        var second = await gatherer.GatherAsync(request, [.. queries.Where(q => q.Phase > 1)], cancellationToken, gatherer.HookDeadline - clock.GetElapsedTime(started));
        IEnumerable<Resource> all = [.. first.Resources.Values.SelectMany(r => r), .. second.Resources.Values.SelectMany(r => r)];
        var byKey = first.Resources.Concat(second.Resources).ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        return new GatheredFindings(
            extractor.Extract(request.PatientId, all),
            byKey,
            [.. first.Unavailable, .. first.Truncated, .. second.Unavailable, .. second.Truncated]);
    }
}

/// <summary>What the two-phase gather found.</summary>
/// <param name="Findings">The findings, or null when the patient had no IEC therapy.</param>
/// <param name="Resources">The resources of each prefetch key that was had.</param>
/// <param name="Unavailable">Optional data that was missing or only partly read.</param>
public sealed record GatheredFindings(
    PatientFindings? Findings,
    IReadOnlyDictionary<string, IReadOnlyList<Resource>> Resources,
    IReadOnlyList<UnavailableData> Unavailable);
