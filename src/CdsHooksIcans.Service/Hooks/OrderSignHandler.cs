using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// order-sign: grades the patient's ICANS, reads the draft and active medication orders, and runs the corticosteroid,
/// tocilizumab, seizure-prophylaxis and dose-ceiling checks (<see cref="OrderChecks"/>). Patients outside the monitoring
/// windows, and drafts unrelated to ICANS, get no cards.
/// </summary>
public sealed class OrderSignHandler(IcansContent content, PatientAssessor assessor, IIdGenerator ids) : IHookHandler
{
    public CdsServiceDefinition Definition { get; } = ServiceDefinitions.OrderSign(content.Terminology);

    public async Task<CdsResponse> HandleAsync(HookRequest request, CancellationToken cancellationToken)
    {
        // Gathering runs first so that unobtainable required data answers 412 the same way patient-view does.
        if (await assessor.AssessAsync(request, Definition.Prefetch, cancellationToken) is not { } gathered)
        {
            return CdsResponse.Empty;
        }

        var (assessment, now) = (gathered.Assessment, gathered.Now);
        if (!assessment.ShowGradingCard)
        {
            return CdsResponse.Empty;
        }

        var situation = IcansSituation.From(assessment);
        // A context without draftOrders has no drafts to read.
        var drafts = DraftOrders.Read(request.Context.TryGetProperty("draftOrders", out var bundle) ? bundle : default, content.Orders);
        var activeOrders = gathered.ActiveOrders(content.Orders, request.PatientId) ?? [];
        var findings = OrderChecks.Check(situation, content.Rules, drafts.Orders, activeOrders);

        List<string> notes = [.. gathered.Unavailable
            .Where(u => u.Key == ServiceDefinitions.ActiveMedicationOrders.Key)
            .Select(u => $"Active medication orders could not be read ({u.Reason}): check them before acting on this card.")];
        var cards = new List<Card>();
        foreach (var finding in findings)
        {
            if (OrderCheckCards.Template(content.Cards, finding) is not { } template)
            {
                continue;
            }

            var values = OrderCheckCards.Values(
                finding, assessment, situation, content.Dosing, drafts.RequestOf(finding.Order), request.PatientId, now, notes, content.Rules.Prophylaxis);
            cards.Add(template.Fill(values, situation.Grade, ids, situation.Pediatric).ToWire(request.Apps, assessment.Status));
        }

        return new CdsResponse(cards);
    }
}
