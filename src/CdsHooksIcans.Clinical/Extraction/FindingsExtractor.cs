using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// Reads Patient, MedicationAdministration, Procedure, Observation and Condition resources into the findings the
/// grading engine works on, following the data contract: statuses that count, times, ICE items, dataAbsentReason,
/// attribution to another cause, CRS and ICANS conditions, Z92.850 without an infusion record.
/// </summary>
public sealed class FindingsExtractor(IcansTerminology terminology)
{
    /// <summary>Extracts the findings of one patient. Resources of other patients or types are ignored.</summary>
    public PatientFindings Extract(string patientId, IEnumerable<Resource> resources) => throw new NotImplementedException(terminology.ToString());
}
