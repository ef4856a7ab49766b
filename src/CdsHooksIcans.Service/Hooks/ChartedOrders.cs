using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>The patient's active medication orders from the gathered data, read once the same way for both hooks.</summary>
internal static class ChartedOrders
{
    /// <summary>The recognised active orders, or null when the key could not be read (neither prefetch nor FHIR server).</summary>
    public static List<DrugOrder>? Active(PatientAssessment gathered, OrderReader reader, string patientId)
    {
        if (gathered.Unavailable.Any(u => u.Key == ServiceDefinitions.ActiveMedicationOrders.Key))
        {
            return null;
        }

        return [.. (gathered.Resources.GetValueOrDefault(ServiceDefinitions.ActiveMedicationOrders.Key) ?? [])
            .OfType<MedicationRequest>()
            .Where(r => IsActiveFor(r, patientId))
            .Select(r => reader.Read(r, isDraft: false))
            .OfType<DrugOrder>()];
    }

    private static bool IsActiveFor(MedicationRequest request, string patientId)
    {
        try
        {
            return request.Status == MedicationRequest.MedicationrequestStatus.Active
                && request.Subject?.Reference is { } reference && reference.EndsWith("Patient/" + patientId, StringComparison.Ordinal);
        }
        catch (CodedValidationException)
        {
            // Prefetch is hostile input: an order with values of the wrong shape is skipped, never a 500.
            return false;
        }
    }
}
