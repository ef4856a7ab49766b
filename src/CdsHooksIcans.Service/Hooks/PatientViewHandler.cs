using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.SmartApp;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// patient-view: gather, extract, grade, render. A patient with no IEC therapy leaves right after the first phase
/// with no cards: that is most chart openings, so it is the cheapest path. An answer has at most two cards by default:
/// the grading card and one management card (docs/adr/0018).
/// </summary>
public sealed class PatientViewHandler(IcansContent content, PatientAssessor assessor, IIdGenerator ids, IOptions<ContentOptions> options) : IHookHandler
{
    public CdsServiceDefinition Definition { get; } = ServiceDefinitions.PatientView(content.Terminology);

    public async Task<CdsResponse> HandleAsync(HookRequest request, CancellationToken cancellationToken)
        => await assessor.AssessAsync(request, Definition.Prefetch, cancellationToken) is { } gathered
            ? Render(gathered, request.PatientId, request.Apps)
            : CdsResponse.Empty;

    /// <summary>The cards for a patient with an IEC therapy: the grade and its evidence, then what to do about it.</summary>
    /// <param name="gathered">The assessment and what could not be read.</param>
    /// <param name="patientId">context.patientId.</param>
    /// <param name="apps">Where the cards' links to the service's apps lead.</param>
    public CdsResponse Render(PatientAssessment gathered, string patientId, AppLaunch apps)
    {
        ArgumentNullException.ThrowIfNull(gathered);
        var (assessment, now) = (gathered.Assessment, gathered.Now);
        var situation = IcansSituation.From(assessment);
        var plan = ManagementPlan.For(situation, content.Dosing.Policy);
        var cards = new List<Card>();
        if (assessment.ShowGradingCard)
        {
            // Active orders only inform the management card's corticosteroid line; they are not grading data.
            var values = GradingCard.Values(
                assessment,
                new GradingContext(patientId, now, [.. gathered.Unavailable.Where(u => u.Key != ServiceDefinitions.ActiveMedicationOrders.Key).Select(u => (u.Key, u.Reason))]),
                content.Wording);
            // An incomplete result is flagged as its lower bound is (data contract v2 §4).
            cards.Add(GradingCard.SelectTemplate(content.Cards, assessment)
                .Fill(values, assessment.Grade ?? assessment.LowerBound, ids)
                .ToWire(apps, assessment.Status, new Dictionary<string, object> { [GradingExtension.Key] = GradingCard.Extension(assessment) }));
        }

        // Management follows the grading card: the grade first, then what to do about it.
        // The running corticosteroid, weighed as order-sign weighs it, so both hooks say the same (escalate, or it meets the grade).
        var corticosteroidNow = ManagementCards.CorticosteroidNow(
            content.Rules.Corticosteroids.RemindedFor(situation), situation, gathered.ActiveOrders(content.Orders, patientId), content.Wording);
        var management = ManagementCards.Values(assessment, plan, patientId, now, content.Wording, corticosteroidNow);
        var late = LateNeurotoxicityCard.Select(content.Cards, assessment).ToList();
        // A late finding's own card replaces the late-watch card: one card at most about late neurotoxicity.
        cards.AddRange(ManagementCards.Select(content.Cards, assessment, situation, now, options.Value.ShowResearchCards)
            .Where(t => late.Count == 0 || !LateNeurotoxicityCard.Supersedes(t))
            .Select(t => t.Fill(management, plan.Grade, ids, situation.Pediatric).ToWire(apps, assessment.Status)));
        if (late.Count > 0)
        {
            var values = LateNeurotoxicityCard.Values(assessment, content.Terminology, patientId, now);
            cards.AddRange(late.Select(t => t.Fill(values, null, ids).ToWire(
                apps,
                null,
                new Dictionary<string, object> { [LateNeurotoxicityExtension.Key] = LateNeurotoxicityCard.Extension(assessment) })));
        }

        return new CdsResponse(cards);
    }
}
