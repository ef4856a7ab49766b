using CdsHooksIcans.Clinical.Terminology;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Extraction;

/// <summary>Small builders for the FHIR resources extraction reads; defaults are the happy path for patient "p1".</summary>
public static class Fhir
{
    public const string PatientId = "p1";
    public const string ObservationSystem = IcansCanonicals.IcansObservationSystem;
    public const string FindingSystem = IcansCanonicals.IcansFindingSystem;
    public const string ProductSystem = IcansCanonicals.IecProductSystem;
    public const string Hcpcs = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static ResourceReference Subject(string patient = PatientId) => new("Patient/" + patient);

    public static CodeableConcept Code(string system, string code) => new(system, code);

    public static FhirDateTime At(DateTimeOffset time) => new(time);

    public static Observation Observation(string id, string code, DataType? value, DateTimeOffset? time = null) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Subject = Subject(),
        Code = Code(ObservationSystem, code),
        Effective = At(time ?? Now),
        Value = value,
    };

    public static Observation Score(string id, string code, int score, DateTimeOffset? time = null) =>
        Observation(id, code, new Integer(score), time);

    public static Observation Finding(string id, string domain, string finding, DateTimeOffset? time = null) =>
        Observation(id, domain, Code(FindingSystem, finding), time);

    public static Observation.ComponentComponent Component(string code, DataType value) =>
        new() { Code = Code(ObservationSystem, code), Value = value };

    public static Observation AttributedToOtherCause(this Observation observation)
    {
        observation.Component.Add(Component("attributed-to-other-cause", new FhirBoolean(true)));
        return observation;
    }

    public static MedicationAdministration Infusion(string id, CodeableConcept medication, DateTimeOffset time) => new()
    {
        Id = id,
        Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
        Subject = Subject(),
        Medication = medication,
        Effective = At(time),
    };

    public static Procedure CarTProcedure(string id, DateTimeOffset time, params CodeableConcept[] usedCode) => new()
    {
        Id = id,
        Status = EventStatus.Completed,
        Subject = Subject(),
        Code = Code(Cpt, "38228"),
        Performed = At(time),
        UsedCode = [.. usedCode],
    };

    public static Condition Condition(string id, string icd10Code, string clinicalStatus = "active", DateTimeOffset? onset = null) => new()
    {
        Id = id,
        Subject = Subject(),
        Code = Code(Icd10Cm, icd10Code),
        ClinicalStatus = Code("http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus),
        Onset = onset is { } time ? At(time) : null,
    };
}
