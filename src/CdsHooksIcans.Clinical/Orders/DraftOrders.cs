using System.Text.Json;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// The orders being signed (order-sign's <c>context.draftOrders</c>) that the checks recognise, each with the
/// MedicationRequest it was read from, so that a card can correct that very draft.
/// </summary>
public sealed class DraftOrders
{
    private readonly List<(MedicationRequest Request, DrugOrder Order)> _read;

    private DraftOrders(List<(MedicationRequest Request, DrugOrder Order)> read)
    {
        _read = read;
        Orders = [.. read.Select(draft => draft.Order)];
    }

    /// <summary>The recognised drafts, in the order the Bundle lists them.</summary>
    public IReadOnlyList<DrugOrder> Orders { get; }

    /// <summary>
    /// Reads the MedicationRequests of the draft orders Bundle leniently (<see cref="FhirJson"/>): the sandbox sends a Bundle
    /// without <c>type</c> and <c>MedicationRequest.category</c> as an object. Entries that are not readable R4 are skipped.
    /// </summary>
    /// <param name="bundle">The Bundle of draft orders; anything else (absent, not an object) holds none.</param>
    /// <param name="reader">The order reader of the loaded content.</param>
    public static DraftOrders Read(JsonElement bundle, OrderReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (bundle.ValueKind != JsonValueKind.Object || !bundle.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            return new DraftOrders([]);
        }

        // Entry by entry, so one unreadable draft does not hide the others.
        return new DraftOrders([.. entries.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("resource", out var r) ? FhirJson.TryParse(r) : null)
            .OfType<MedicationRequest>()
            .Select(request => (Request: request, Order: reader.Read(request, isDraft: true)))
            .Where(draft => draft.Order is not null)
            .Select(draft => (draft.Request, draft.Order!))]);
    }

    /// <summary>The draft MedicationRequest <paramref name="order"/> was read from; null for an order that is not one of these drafts.</summary>
    public MedicationRequest? RequestOf(DrugOrder? order)
    {
        foreach (var (request, read) in _read)
        {
            if (ReferenceEquals(read, order))
            {
                return request;
            }
        }

        return null;
    }
}
