using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>The patient's active medication orders that the checks recognise, read the same way for both hooks.</summary>
public static class ActiveOrders
{
    /// <summary>The recognised active orders of the patient among <paramref name="resources"/>; other resources are ignored.</summary>
    /// <param name="resources">The charted medication orders (a search result's entries).</param>
    /// <param name="reader">The order reader of the loaded content.</param>
    /// <param name="patientId">The patient whose orders count.</param>
    public static List<DrugOrder> Read(IEnumerable<Resource> resources, OrderReader reader, string patientId)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(reader);
        return [.. resources
            .OfType<MedicationRequest>()
            .Where(r => IsActiveFor(r, new PatientReference(patientId)))
            .Select(r => reader.Read(r, isDraft: false))
            .OfType<DrugOrder>()];
    }

    private static bool IsActiveFor(MedicationRequest request, PatientReference patient)
    {
        try
        {
            return request.Status == MedicationRequest.MedicationrequestStatus.Active
                && patient.Is(request.Subject);
        }
        catch (CodedValidationException)
        {
            // Prefetch is hostile input: an order with values of the wrong shape is skipped, never a 500.
            return false;
        }
    }
}
