using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;
using Provenance = CdsHooksIcans.Grading.Model.Provenance;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// Reads Conditions into findings: CRS diagnoses with their grade and status, prior ICANS grades, late neurotoxicity
/// diagnoses, and CAR-T history (Z92.850). Entered-in-error and refuted conditions are left out.
/// </summary>
internal sealed class ConditionReader(IcansTerminology terminology)
{
    /// <summary>Adds what a Condition records; a Z92.850 history goes to <paramref name="carTHistory"/>, for the end of the extraction.</summary>
    public void Add(Condition condition, FindingsBuilder findings, List<Condition> carTHistory)
    {
        if (HasCode(condition.VerificationStatus, ConditionCodes.EnteredInError, ConditionCodes.Refuted))
        {
            return;
        }

        var time = FhirTimes.StartOf(condition.Onset) ?? FhirTimes.Read(condition.RecordedDateElement);
        if (terminology.Contains(IcansCanonicals.CrsConditions, condition.Code))
        {
            var active = HasCode(condition.ClinicalStatus, ConditionCodes.Active, ConditionCodes.Recurrence);
            findings.CrsDiagnoses.Add(new CrsDiagnosis(terminology.AstctGrade(condition.Code), active, References.To(condition), time));
        }
        else if (terminology.Contains(IcansCanonicals.IcansConditions, condition.Code))
        {
            if (time is { } recorded)
            {
                findings.PriorIcansGrades.Add(new Observed<int?>(terminology.AstctGrade(condition.Code), new Provenance(References.To(condition), recorded)));
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
            findings.LateNeurotoxicityDiagnoses.Add(new Observed<LateNeurotoxicityFinding>(finding, new Provenance(References.To(condition), dated)));
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

    /// <summary>FHIR core status codes (not clinical codes): condition-clinical and condition-ver-status.</summary>
    private static class ConditionCodes
    {
        public const string Active = "active";
        public const string Recurrence = "recurrence";
        public const string EnteredInError = "entered-in-error";
        public const string Refuted = "refuted";
    }
}
