using System.Text.Json;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Reading;
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
        var drafts = DraftMedicationRequests(request.Context);
        var readDrafts = drafts.Select(d => (Request: d, Order: content.Orders.Read(d, isDraft: true))).Where(d => d.Order is not null).ToList();
        var draftOrders = readDrafts.Select(d => d.Order!).ToList();
        var activeOrders = ChartedOrders.Active(gathered, content.Orders, request.PatientId) ?? [];
        var findings = OrderChecks.Check(situation, content.Rules, draftOrders, activeOrders);

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

            var draft = readDrafts.FirstOrDefault(d => ReferenceEquals(d.Order, finding.Order)).Request;
            var values = OrderCheckCards.Values(finding, assessment, situation, content.Dosing, draft, request.PatientId, now, notes, content.Rules.Prophylaxis);
            cards.Add(template.Fill(values, situation.Grade, ids, situation.Pediatric).ToWire());
        }

        return new CdsResponse(cards);
    }

    /// <summary>
    /// The MedicationRequests of context.draftOrders, read leniently: the sandbox sends a Bundle without <c>type</c> and
    /// <c>MedicationRequest.category</c> as an object. Entries that are not readable R4 are skipped.
    /// </summary>
    private static List<MedicationRequest> DraftMedicationRequests(JsonElement context)
    {
        if (!context.TryGetProperty("draftOrders", out var draftOrders) || draftOrders.ValueKind != JsonValueKind.Object
            || !draftOrders.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        // Entry by entry, so one unreadable draft does not hide the others.
        return [.. entries.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("resource", out var r) ? FhirJson.TryParse(r) : null)
            .OfType<MedicationRequest>()];
    }
}
