using System.Globalization;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// The corticosteroids and tocilizumab a patient was given: completed or running MedicationAdministrations, the drug
/// recognised by <see cref="DrugRecognition"/> (RxNorm ingredient and clinical-drug codes, the name only as a last resort).
/// </summary>
public static class AdministeredDrugs
{
    /// <summary>The drugs the course shows: what ICANS and CRS are treated with.</summary>
    private static readonly HashSet<IcansDrug> Shown = [IcansDrug.Dexamethasone, IcansDrug.Methylprednisolone, IcansDrug.Tocilizumab];

    /// <summary>The longest dose text kept: a dose, not a note.</summary>
    public const int MaxDoseLength = 60;

    /// <summary>The administrations of the patient among <paramref name="resources"/>, earliest first; other resources are ignored.</summary>
    /// <param name="resources">The chart's resources; a referenced Medication may be contained or among them.</param>
    /// <param name="drugs">The drug recognition of the loaded content.</param>
    /// <param name="patientId">The patient whose administrations count.</param>
    public static List<DrugAdministration> Read(IReadOnlyCollection<Resource> resources, DrugRecognition drugs, string patientId)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(drugs);
        var patient = new PatientReference(patientId);
        var medications = new Dictionary<string, Medication>(StringComparer.Ordinal);
        foreach (var medication in resources.OfType<Medication>())
        {
            if (medication.Id is { } id)
            {
                medications.TryAdd(id, medication);
            }
        }

        var given = new List<DrugAdministration>();
        foreach (var administration in resources.OfType<MedicationAdministration>())
        {
            try
            {
                if (Read(administration, patient, drugs, medications) is { } read)
                {
                    given.Add(read);
                }
            }
            catch (CodedValidationException)
            {
                // A leniently parsed record with values of the wrong shape is not one the course can show.
            }
        }

        return [.. given.OrderBy(g => g.Time).ThenBy(g => g.Reference, StringComparer.Ordinal)];
    }

    private static DrugAdministration? Read(MedicationAdministration administration, PatientReference patient, DrugRecognition drugs, Dictionary<string, Medication> medications)
    {
        if (!patient.Is(administration.Subject)
            || administration.Status is not (MedicationAdministration.MedicationAdministrationStatusCodes.Completed
                or MedicationAdministration.MedicationAdministrationStatusCodes.InProgress)
            || FhirTimes.StartOf(administration.Effective) is not { } time)
        {
            return null;
        }

        var concept = administration.Medication as CodeableConcept ?? TherapyRecords.MedicationCode(administration, medications);
        return concept is not null && drugs.Recognise(concept) is var (drug, _) && Shown.Contains(drug)
            ? new DrugAdministration(drug, time, References.To(administration), DoseText(administration.Dosage))
            : null;
    }

    /// <summary>The dosage's text, else its dose and route ("10 mg IV"); cut to <see cref="MaxDoseLength"/>.</summary>
    private static string? DoseText(MedicationAdministration.DosageComponent? dosage)
    {
        if (dosage is null)
        {
            return null;
        }

        var dose = dosage.Dose is { Value: { } value } quantity
            ? string.Join(' ', new[] { value.ToString("0.##", CultureInfo.InvariantCulture), quantity.Unit ?? quantity.Code }.Where(s => !string.IsNullOrWhiteSpace(s)))
            : null;
        var route = dosage.Route?.Text ?? dosage.Route?.Coding.Select(c => c.Display).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        var text = Clean(dosage.Text) ?? Clean(string.Join(' ', new[] { dose, route }.Where(s => !string.IsNullOrWhiteSpace(s))));
        return text is { Length: > MaxDoseLength } ? text[..(MaxDoseLength - 1)].TrimEnd() + "…" : text;

        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
