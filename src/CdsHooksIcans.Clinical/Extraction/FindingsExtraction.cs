using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// One patient's extraction, fed in parts: the therapy records tell whether the rest of the chart is worth reading, and
/// the rest is added to what they gave, so no resource is read twice. The order of the parts and of their resources never
/// shows in the findings.
/// </summary>
public sealed class FindingsExtraction
{
    private readonly FindingsExtractor _extractor;
    private readonly string _patientId;
    private readonly PatientReference _patient;
    private readonly FindingsBuilder _findings = new();
    private readonly List<MedicationAdministration> _byReference = [];
    private readonly Dictionary<string, Medication> _medications = new(StringComparer.Ordinal);
    private readonly List<Condition> _carTHistory = [];
    private bool _finished;

    internal FindingsExtraction(FindingsExtractor extractor, string patientId)
    {
        _extractor = extractor;
        _patientId = patientId;
        _patient = new PatientReference(patientId);
    }

    /// <summary>The IEC therapy exposures found so far, as <see cref="Finish"/> would give them if nothing more were added.</summary>
    public IReadOnlyList<IecExposure> Exposures => [.. _findings.Exposures, .. PendingExposures()];

    /// <summary>Reads the resources of one part. Resources of other patients or types are ignored.</summary>
    public void Add(IEnumerable<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ThrowIfFinished();
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case Patient p when p.Id == _patientId:
                    _findings.BirthDate = BirthDateOf(p);
                    break;
                case Medication medication when medication.Id is not null:
                    _medications.TryAdd(medication.Id, medication);
                    break;
                case MedicationAdministration administration when _patient.Is(administration.Subject):
                    if (administration.Medication is ResourceReference)
                    {
                        _byReference.Add(administration);
                    }
                    else if (_extractor.Therapies.Exposure(administration, administration.Medication as CodeableConcept) is { } exposure)
                    {
                        _findings.Exposures.Add(exposure);
                    }

                    break;
                case Procedure procedure when _patient.Is(procedure.Subject):
                    if (_extractor.Therapies.Exposure(procedure) is { } performed)
                    {
                        _findings.Exposures.Add(performed);
                    }

                    break;
                case Observation observation when _patient.Is(observation.Subject):
                    _extractor.Observations.Add(observation, _findings);
                    break;
                case Condition condition when _patient.Is(condition.Subject):
                    _extractor.Conditions.Add(condition, _findings, _carTHistory);
                    break;
            }
        }
    }

    /// <summary>The findings of everything added, sorted. The extraction is over: nothing more can be added.</summary>
    public PatientFindings Finish()
    {
        ThrowIfFinished();
        _finished = true;
        _findings.Exposures.AddRange(PendingExposures());
        _findings.SynthesizeIceTotals();
        return _findings.Build("Patient/" + _patientId);
    }

    /// <summary>
    /// The exposures that wait for the end: a medicationReference may point at a Medication listed after the
    /// administration, and Z92.850 stands in for a missing infusion record only.
    /// </summary>
    private List<IecExposure> PendingExposures()
    {
        var pending = new List<IecExposure>();
        foreach (var administration in _byReference)
        {
            if (_extractor.Therapies.Exposure(administration, TherapyRecords.MedicationCode(administration, _medications)) is { } exposure)
            {
                pending.Add(exposure);
            }
        }

        if (!_findings.HasDatedExposure && !pending.Exists(exposure => exposure.Time is not null))
        {
            pending.AddRange(_carTHistory.Select(_extractor.Therapies.FromHistory));
        }

        return pending;
    }

    // The findings are handed over once: what is added later would be missing from them.
    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("This extraction is finished; begin another one.");
        }
    }

    private static DateOnly? BirthDateOf(Patient patient) =>
        patient.BirthDateElement is { } date && date.TryToDateTimeOffset(out var start)
            ? DateOnly.FromDateTime(start.Date)
            : null;
}
