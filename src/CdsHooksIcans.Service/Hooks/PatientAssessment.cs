using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Service.Gathering;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>A graded patient and what the grading was read from.</summary>
/// <param name="Assessment">The ICANS assessment.</param>
/// <param name="Now">The time of grading.</param>
/// <param name="Resources">The resources of each prefetch key that was had.</param>
/// <param name="Unavailable">Optional data that was missing or only partly read.</param>
public sealed record PatientAssessment(
    IcansAssessment Assessment,
    DateTimeOffset Now,
    IReadOnlyDictionary<string, IReadOnlyList<Resource>> Resources,
    IReadOnlyList<UnavailableData> Unavailable)
{
    /// <summary>
    /// The patient's active orders the checks recognise, read the same way for both hooks; null when the key could not be
    /// had (neither prefetch nor FHIR server).
    /// </summary>
    public List<DrugOrder>? ActiveOrders(OrderReader reader, string patientId)
    {
        var key = ServiceDefinitions.ActiveMedicationOrders.Key;
        return Unavailable.Any(u => u.Key == key) ? null : Clinical.Orders.ActiveOrders.Read(Resources.GetValueOrDefault(key) ?? [], reader, patientId);
    }
}
