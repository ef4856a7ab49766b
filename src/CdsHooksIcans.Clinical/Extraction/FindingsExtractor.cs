using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// Reads Patient, MedicationAdministration, Procedure, Observation and Condition resources into the findings the
/// grading engine works on, following the data contract: statuses that count, times, ICE items, dataAbsentReason,
/// attribution to another cause, CRS and ICANS conditions, Z92.850 without an infusion record.
/// </summary>
/// <remarks>
/// One pass over the resources; every collection is sorted by time, then reference, so the order of the input never
/// matters. The service parses only the resources <see cref="ResourceScreen"/> keeps: reading a new type or element here
/// means teaching the screen in the same change (docs/adr/0008-screen-prefetch-before-parsing.md).
/// </remarks>
public sealed class FindingsExtractor(IcansTerminology terminology)
{
    internal TherapyRecords Therapies { get; } = new(terminology);

    internal ObservationReader Observations { get; } = new(terminology);

    internal ConditionReader Conditions { get; } = new(terminology);

    /// <summary>Extracts the findings of one patient. Resources of other patients or types are ignored.</summary>
    public PatientFindings Extract(string patientId, IEnumerable<Resource> resources)
    {
        var extraction = Begin(patientId);
        extraction.Add(resources);
        return extraction.Finish();
    }

    /// <summary>
    /// Starts an extraction fed in parts (the therapy records first, then the rest of the chart), each resource read once;
    /// the findings equal those of <see cref="Extract"/> over all the parts.
    /// </summary>
    public FindingsExtraction Begin(string patientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        return new FindingsExtraction(this, patientId);
    }
}
