using System.Globalization;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;
using Hl7.Fhir.Model;
using Provenance = CdsHooksIcans.Grading.Model.Provenance;

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
    /// <summary>Extracts the findings of one patient. Resources of other patients or types are ignored.</summary>
    public PatientFindings Extract(string patientId, IEnumerable<Resource> resources)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentNullException.ThrowIfNull(resources);

        var patient = new PatientReference(patientId);
        var findings = new FindingsBuilder();
        var byReference = new List<MedicationAdministration>();
        var medications = new Dictionary<string, Medication>(StringComparer.Ordinal);
        var carTHistory = new List<Condition>();

        foreach (var resource in resources)
        {
            switch (resource)
            {
                case Patient p when p.Id == patientId:
                    findings.BirthDate = BirthDateOf(p);
                    break;
                case Medication medication when medication.Id is not null:
                    medications.TryAdd(medication.Id, medication);
                    break;
                case MedicationAdministration administration when patient.Is(administration.Subject):
                    if (administration.Medication is ResourceReference)
                    {
                        byReference.Add(administration);
                    }
                    else
                    {
                        AddAdministration(administration, administration.Medication as CodeableConcept, findings);
                    }

                    break;
                case Procedure procedure when patient.Is(procedure.Subject):
                    AddProcedure(procedure, findings);
                    break;
                case Observation observation when patient.Is(observation.Subject):
                    AddObservation(observation, findings);
                    break;
                case Condition condition when patient.Is(condition.Subject):
                    AddCondition(condition, findings, carTHistory);
                    break;
            }
        }

        // A medicationReference may point at a Medication listed after the administration, so these wait for the end.
        foreach (var administration in byReference)
        {
            AddAdministration(administration, MedicationCode(administration, medications), findings);
        }

        findings.SynthesizeIceTotals();

        // Z92.850 stands in for a missing infusion record only.
        if (!findings.HasDatedExposure)
        {
            foreach (var condition in carTHistory)
            {
                findings.Exposures.Add(new IecExposure(terminology.UnknownProduct(TherapyClass.CarT), null, ReferenceTo(condition)));
            }
        }

        return findings.Build("Patient/" + patientId);
    }

    private void AddAdministration(MedicationAdministration administration, CodeableConcept? medication, FindingsBuilder findings)
    {
        if (administration.Status is not (MedicationAdministration.MedicationAdministrationStatusCodes.Completed
            or MedicationAdministration.MedicationAdministrationStatusCodes.InProgress))
        {
            return;
        }

        if (terminology.ResolveProduct(medication) is { } product)
        {
            findings.Exposures.Add(new IecExposure(product, StartOf(administration.Effective), ReferenceTo(administration)));
        }
    }

    private static CodeableConcept? MedicationCode(MedicationAdministration administration, Dictionary<string, Medication> medications)
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

    private void AddProcedure(Procedure procedure, FindingsBuilder findings)
    {
        if (procedure.Status != EventStatus.Completed || !terminology.Contains(IcansCanonicals.CarTAdministration, procedure.Code))
        {
            return;
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

        findings.Exposures.Add(new IecExposure(
            product ?? terminology.UnknownProduct(TherapyClass.CarT), StartOf(procedure.Performed), ReferenceTo(procedure)));
    }

    private void AddObservation(Observation observation, FindingsBuilder findings)
    {
        if (observation.Status is not (ObservationStatus.Final or ObservationStatus.Amended
            or ObservationStatus.Corrected or ObservationStatus.Preliminary))
        {
            return;
        }

        if (terminology.ObservationKindOf(observation.Code) is not { } kind || ObservationTime(observation) is not { } time)
        {
            return;
        }

        var source = new Provenance(ReferenceTo(observation), time);
        var attribution = Attribution(observation);
        var attributed = attribution is not null;
        switch (kind)
        {
            case ObservationKind.IceTotal:
                if (TryReadIceTotal(observation, out var ice))
                {
                    findings.Ice.Add(new Observed<int?>(ice, source, attributed, Comment(observation, attribution, ice)));
                    findings.IceTotalTimes.Add(time);
                }

                break;
            case ObservationKind.CapdTotal:
                if (TryReadScore(observation.Value, observation.DataAbsentReason, AstctCells.CapdMaximum, out var capd))
                {
                    findings.Capd.Add(new Observed<int?>(capd, source, attributed, Comment(observation, attribution, capd)));
                }

                break;
            case ObservationKind.Consciousness:
                AddFinding(observation, source, attribution, findings.Consciousness);
                break;
            case ObservationKind.Seizure:
                AddFinding(observation, source, attribution, findings.Seizures);
                break;
            case ObservationKind.Motor:
                AddFinding(observation, source, attribution, findings.Motor);
                break;
            case ObservationKind.IcpEdema:
                AddFinding(observation, source, attribution, findings.IcpEdema);
                break;
            case ObservationKind.LateNeurotoxicity:
                AddFinding(observation, source, attribution, findings.LateNeurotoxicity);
                break;
            case ObservationKind.CrsGrade:
                if (IntegerIn(observation.Value, 0, 4) is { } crsGrade)
                {
                    findings.CrsGrades.Add(new Observed<int>(crsGrade, source, attributed));
                }

                break;
            case ObservationKind.IcansGrade:
                if (IntegerIn(observation.Value, 0, 4) is { } icansGrade)
                {
                    findings.PriorIcansGrades.Add(new Observed<int?>(icansGrade, source, attributed));
                }

                break;
            case ObservationKind.AttributedToOtherCause:
                break; // only meaningful as a component of another finding
            default:
                if (IceItems.Maximum(kind) is { } maximum && IntegerIn(observation.Value, 0, maximum) is { } item)
                {
                    findings.IceItems.Add(new IceItem(kind, item, source, attributed));
                }

                break;
        }
    }

    private void AddFinding<TFinding>(Observation observation, Provenance source, Observation.ComponentComponent? attribution, List<Observed<TFinding>> into)
        where TFinding : struct, Enum
    {
        // A code of another domain (say, a seizure code under consciousness) says nothing reliable: ignore it.
        if (terminology.TryGetFinding<TFinding>(observation.Value as CodeableConcept, out var finding))
        {
            into.Add(new Observed<TFinding>(finding, source, attribution is not null, Comment(observation, attribution, score: 0)));
        }
    }

    /// <summary>The ICE total: the value, else the sum of all five item components, else "not done" with a dataAbsentReason.</summary>
    private bool TryReadIceTotal(Observation observation, out int? total)
    {
        if (observation.Value is null && SumOfItemComponents(observation) is { } sum)
        {
            total = sum;
            return true;
        }

        return TryReadScore(observation.Value, observation.DataAbsentReason, AstctCells.IceMaximum, out total);
    }

    private int? SumOfItemComponents(Observation observation)
    {
        Span<int> items = stackalloc int[IceItems.Count];
        items.Fill(-1);
        foreach (var component in observation.Component)
        {
            if (terminology.ObservationKindOf(component.Code) is { } kind
                && IceItems.IndexOf(kind) is { } index
                && IntegerIn(component.Value, 0, IceItems.Maximum(kind)!.Value) is { } score)
            {
                items[index] = score;
            }
        }

        var sum = 0;
        foreach (var score in items)
        {
            if (score < 0)
            {
                return null;
            }

            sum += score;
        }

        return sum;
    }

    /// <summary>The <c>attributed-to-other-cause</c> component that is <c>true</c>, when there is one.</summary>
    private Observation.ComponentComponent? Attribution(Observation observation)
    {
        foreach (var component in observation.Component)
        {
            if (component.Value is FhirBoolean { Value: true }
                && terminology.ObservationKindOf(component.Code) == ObservationKind.AttributedToOtherCause)
            {
                return component;
            }
        }

        return null;
    }

    /// <summary>
    /// What the chart says about an entry, for the card: for an attributed finding the other cause (the attribution
    /// component's <c>code.text</c>, else the first note); for an attempt not done (<paramref name="score"/> null) why
    /// (the dataAbsentReason's text, else the first note, else its display or code unless that is the generic
    /// <c>not-performed</c>). Cut to <see cref="MaxCommentLength"/>.
    /// </summary>
    private static string? Comment(Observation observation, Observation.ComponentComponent? attribution, int? score)
    {
        // Most entries are neither attributed nor missing: they cost nothing here.
        var comment = attribution is not null && score is not null
            ? Text(attribution.Code?.Text) ?? Note(observation)
            : score is null && observation.DataAbsentReason is { } absent
                ? Text(absent.Text) ?? Note(observation) ?? Text(absent.Coding.Where(c => c.Code != NotPerformed).Select(c => c.Display ?? c.Code).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)))
                : null;
        return comment is { Length: > MaxCommentLength } ? comment[..(MaxCommentLength - 1)].TrimEnd() + "…" : comment;

        static string? Note(Observation observation) => Text(observation.Note.Select(n => n.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)));

        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // data-absent-reason "not-performed" only restates that the assessment was not done.
    private const string NotPerformed = "not-performed";

    /// <summary>The longest comment carried to the card: a cause or a reason, not a clinical note.</summary>
    internal const int MaxCommentLength = 160;

    private void AddCondition(Condition condition, FindingsBuilder findings, List<Condition> carTHistory)
    {
        if (HasCode(condition.VerificationStatus, ConditionCodes.EnteredInError, ConditionCodes.Refuted))
        {
            return;
        }

        var time = StartOf(condition.Onset) ?? ToTime(condition.RecordedDateElement);
        if (terminology.Contains(IcansCanonicals.CrsConditions, condition.Code))
        {
            var active = HasCode(condition.ClinicalStatus, ConditionCodes.Active, ConditionCodes.Recurrence);
            findings.CrsDiagnoses.Add(new CrsDiagnosis(terminology.AstctGrade(condition.Code), active, ReferenceTo(condition), time));
        }
        else if (terminology.Contains(IcansCanonicals.IcansConditions, condition.Code))
        {
            if (time is { } recorded)
            {
                findings.PriorIcansGrades.Add(new Observed<int?>(terminology.AstctGrade(condition.Code), new Provenance(ReferenceTo(condition), recorded)));
            }
        }
        else if (terminology.Contains(IcansCanonicals.CarTHistory, condition.Code))
        {
            carTHistory.Add(condition);
        }
        else if (terminology.Contains(IcansCanonicals.LateNeurotoxicityConditions, condition.Code))
        {
            AddLateNeurotoxicityDiagnosis(condition, time, findings);
        }
    }

    /// <summary>
    /// An active late neurotoxicity diagnosis with a date: undated or inactive ones are left out, since a neuropathy from
    /// earlier myeloma therapy must not read as a new one. Its finding comes from the ConceptMap onto icans-finding.
    /// </summary>
    private void AddLateNeurotoxicityDiagnosis(Condition condition, DateTimeOffset? time, FindingsBuilder findings)
    {
        if (time is { } dated
            && HasCode(condition.ClinicalStatus, ConditionCodes.Active, ConditionCodes.Recurrence)
            && terminology.TryGetFinding<LateNeurotoxicityFinding>(condition.Code, out var finding))
        {
            findings.LateNeurotoxicityDiagnoses.Add(new Observed<LateNeurotoxicityFinding>(finding, new Provenance(ReferenceTo(condition), dated)));
        }
    }

    private static bool HasCode(CodeableConcept? concept, string first, string second)
    {
        if (concept is null)
        {
            return false;
        }

        foreach (var coding in concept.Coding)
        {
            if (coding.Code == first || coding.Code == second)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A score in range, or "not done" (null) when there is no value but a dataAbsentReason; false when invalid.</summary>
    private static bool TryReadScore(DataType? value, CodeableConcept? dataAbsentReason, int maximum, out int? score)
    {
        score = IntegerIn(value, 0, maximum);
        return score is not null || (value is null && dataAbsentReason is not null);
    }

    private static int? IntegerIn(DataType? value, int minimum, int maximum)
    {
        int? number = value switch
        {
            Integer { Value: { } integer } => integer,
            // Some EHRs send scores as unitless quantities; a whole number means the same thing.
            Quantity { Value: { } quantity } when decimal.IsInteger(quantity) && quantity is >= int.MinValue and <= int.MaxValue => (int)quantity,
            _ => null,
        };
        return number >= minimum && number <= maximum ? number : null;
    }

    private static DateTimeOffset? ObservationTime(Observation observation) => observation.Effective switch
    {
        FhirDateTime dateTime => ToTime(dateTime),
        Period period => ToTime(period.EndElement),
        Instant instant => instant.Value,
        _ => null,
    } ?? observation.Issued;

    private static DateTimeOffset? StartOf(DataType? value) => value switch
    {
        FhirDateTime dateTime => ToTime(dateTime),
        Period period => ToTime(period.StartElement),
        _ => null,
    };

    // FHIR times without an offset are read as UTC: the contract's times all carry one; this only keeps odd data usable.
    private static DateTimeOffset? ToTime(FhirDateTime? dateTime)
    {
        if (dateTime?.Value is not { } value)
        {
            return null;
        }

        // Fast path for the usual full date-time; partial dates go through the SDK's own rules.
        return DateTimeOffset.TryParseExact(value, FullDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            || dateTime.TryToDateTimeOffset(TimeSpan.Zero, out time)
                ? time
                : null;
    }

    /// <summary>The usual full date-time forms, read without the SDK (also by <see cref="ResourceScreen"/>).</summary>
    internal static readonly string[] FullDateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static DateOnly? BirthDateOf(Patient patient) =>
        patient.BirthDateElement is { } date && date.TryToDateTimeOffset(out var start)
            ? DateOnly.FromDateTime(start.Date)
            : null;

    private static string ReferenceTo(Resource resource) => resource.TypeName + "/" + resource.Id;

    /// <summary>FHIR core status codes (not clinical codes): condition-clinical and condition-ver-status.</summary>
    private static class ConditionCodes
    {
        public const string Active = "active";
        public const string Recurrence = "recurrence";
        public const string EnteredInError = "entered-in-error";
        public const string Refuted = "refuted";
    }

    /// <summary>Matches <c>Patient/{id}</c>, relative or at the end of an absolute URL.</summary>
    private readonly struct PatientReference(string patientId)
    {
        private readonly string _relative = "Patient/" + patientId;

        public bool Is(ResourceReference? subject)
        {
            var reference = subject?.Reference;
            return reference is not null
                && reference.EndsWith(_relative, StringComparison.Ordinal)
                && (reference.Length == _relative.Length || reference[reference.Length - _relative.Length - 1] == '/');
        }
    }
}
