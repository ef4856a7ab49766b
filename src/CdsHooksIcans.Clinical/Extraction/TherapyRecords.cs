using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// Reads IEC therapy exposures from their records: a completed or running MedicationAdministration of an IEC product, a
/// completed CAR-T administration Procedure, and Z92.850 (personal history of CAR-T) where no infusion record is dated.
/// </summary>
internal sealed class TherapyRecords(IcansTerminology terminology)
{
    /// <summary>The exposure an administration records, given its medication code; null when it records none.</summary>
    public IecExposure? Exposure(MedicationAdministration administration, CodeableConcept? medication)
    {
        if (administration.Status is not (MedicationAdministration.MedicationAdministrationStatusCodes.Completed
            or MedicationAdministration.MedicationAdministrationStatusCodes.InProgress))
        {
            return null;
        }

        return terminology.ResolveProduct(medication) is { } product
            ? new IecExposure(product, FhirTimes.StartOf(administration.Effective), References.To(administration))
            : null;
    }

    /// <summary>
    /// The code of the Medication an administration's <c>medicationReference</c> points at: contained (<c>#id</c>), else one
    /// of <paramref name="medications"/> by id.
    /// </summary>
    public static CodeableConcept? MedicationCode(MedicationAdministration administration, Dictionary<string, Medication> medications)
    {
        var reference = (administration.Medication as ResourceReference)?.Reference;
        if (reference is null)
        {
            return null;
        }

        if (reference.StartsWith('#'))
        {
            foreach (var contained in administration.Contained)
            {
                if (contained is Medication medication && reference.AsSpan(1).SequenceEqual(medication.Id))
                {
                    return medication.Code;
                }
            }

            return null;
        }

        var slash = reference.LastIndexOf('/');
        return medications.TryGetValue(slash < 0 ? reference : reference[(slash + 1)..], out var listed) ? listed.Code : null;
    }

    /// <summary>The exposure a CAR-T administration Procedure records; null when it records none.</summary>
    public IecExposure? Exposure(Procedure procedure)
    {
        if (procedure.Status != EventStatus.Completed || !terminology.Contains(IcansCanonicals.CarTAdministration, procedure.Code))
        {
            return null;
        }

        IecProduct? product = null;
        foreach (var used in procedure.UsedCode)
        {
            product = terminology.ResolveProduct(used);
            if (product is not null)
            {
                break;
            }
        }

        return new IecExposure(
            product ?? terminology.UnknownProduct(TherapyClass.CarT), FhirTimes.StartOf(procedure.Performed), References.To(procedure));
    }

    /// <summary>The undated CAR-T exposure a Z92.850 history condition stands for.</summary>
    public IecExposure FromHistory(Condition condition)
        => new(terminology.UnknownProduct(TherapyClass.CarT), null, References.To(condition));
}
