using System.Globalization;
using System.Text.Json.Nodes;

namespace CdsHooksIcans.Benchmarks;

/// <summary>FHIR R4 resources as JSON, shaped as an EHR sends them (codes from the data contract). Deterministic: no randomness.</summary>
internal static class ClinicalResources
{
    public const string IcansObservation = "http://cdshooks-icans.org/fhir/CodeSystem/icans-observation";
    public const string IcansFinding = "http://cdshooks-icans.org/fhir/CodeSystem/icans-finding";
    public const string IecProduct = "http://cdshooks-icans.org/fhir/CodeSystem/iec-product";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";

    public static JsonObject Patient(string id, string birthDate) => new()
    {
        ["resourceType"] = "Patient",
        ["id"] = id,
        ["name"] = new JsonArray(new JsonObject { ["family"] = "Benchmark", ["given"] = new JsonArray("Pat") }),
        ["gender"] = "female",
        ["birthDate"] = birthDate,
    };

    public static JsonObject Administration(string id, string patientId, string system, string code, string display, DateTimeOffset when) => new()
    {
        ["resourceType"] = "MedicationAdministration",
        ["id"] = id,
        ["status"] = "completed",
        ["medicationCodeableConcept"] = Concept(system, code, display),
        ["subject"] = Subject(patientId),
        ["effectiveDateTime"] = Instant(when),
        ["dosage"] = new JsonObject { ["text"] = "IV", ["route"] = Concept(Snomed, "47625008", "Intravenous route") },
    };

    public static JsonObject Procedure(string id, string patientId, string system, string code, string display, DateTimeOffset when) => new()
    {
        ["resourceType"] = "Procedure",
        ["id"] = id,
        ["status"] = "completed",
        ["code"] = Concept(system, code, display),
        ["subject"] = Subject(patientId),
        ["performedDateTime"] = Instant(when),
    };

    public static JsonObject Condition(string id, string patientId, string code, string display, DateTimeOffset recorded) => new()
    {
        ["resourceType"] = "Condition",
        ["id"] = id,
        ["clinicalStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
        ["verificationStatus"] = Concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"),
        ["category"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")),
        ["code"] = Concept(Icd10Cm, code, display),
        ["subject"] = Subject(patientId),
        ["recordedDate"] = Instant(recorded),
    };

    public static JsonObject MedicationRequest(string id, string patientId, string rxNorm, string display, DateTimeOffset authored) => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = "active",
        ["intent"] = "order",
        ["category"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/medicationrequest-category", "inpatient", "Inpatient")),
        ["medicationCodeableConcept"] = Concept(RxNorm, rxNorm, display),
        ["subject"] = Subject(patientId),
        ["authoredOn"] = Instant(authored),
        ["dosageInstruction"] = new JsonArray(new JsonObject { ["text"] = display + " as directed" }),
    };

    /// <summary>An ICANS Observation (code from the icans-observation CodeSystem) with an integer or finding value.</summary>
    public static JsonObject IcansObservationOf(string id, string patientId, string code, DateTimeOffset when, JsonNode value, string category = "exam")
    {
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = id,
            ["status"] = "final",
            ["category"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/observation-category", category, category)),
            ["code"] = Concept(IcansObservation, code, code),
            ["subject"] = Subject(patientId),
            ["effectiveDateTime"] = Instant(when),
        };
        observation[value is JsonObject ? "valueCodeableConcept" : "valueInteger"] = value;
        return observation;
    }

    /// <summary>An ICE total carrying its five items as components, as the data contract allows.</summary>
    public static JsonObject Ice(string id, string patientId, DateTimeOffset when, int orientation, int naming, int commands, int writing, int attention)
    {
        var ice = IcansObservationOf(id, patientId, "ice-total", when, orientation + naming + commands + writing + attention, "survey");
        ice["component"] = new JsonArray(
            Component("ice-orientation", orientation),
            Component("ice-naming", naming),
            Component("ice-commands", commands),
            Component("ice-writing", writing),
            Component("ice-attention", attention));
        return ice;
    }

    public static JsonObject Finding(string code, string display) => Concept(IcansFinding, code, display);

    /// <summary>A vital sign or lab with a LOINC code the service does not read.</summary>
    public static JsonObject Vital(string id, string patientId, string loinc, string display, DateTimeOffset when, decimal value, string unit) => new()
    {
        ["resourceType"] = "Observation",
        ["id"] = id,
        ["status"] = "final",
        ["category"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")),
        ["code"] = Concept(Loinc, loinc, display),
        ["subject"] = Subject(patientId),
        ["effectiveDateTime"] = Instant(when),
        ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = unit, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
    };

    public static JsonObject SearchSet(IEnumerable<JsonObject> resources)
    {
        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            entries.Add(new JsonObject
            {
                ["fullUrl"] = $"https://ehr.example/fhir/{resource["resourceType"]}/{resource["id"]}",
                ["resource"] = resource,
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = entries.Count };
        if (entries.Count > 0)
        {
            // FHIR JSON has no empty arrays: an empty search result has no entry at all.
            bundle["entry"] = entries;
        }

        return bundle;
    }

    public static string Instant(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Component(string code, int value) => new()
    {
        ["code"] = Concept(IcansObservation, code, code),
        ["valueInteger"] = value,
    };

    private static JsonObject Subject(string patientId) => new() { ["reference"] = "Patient/" + patientId };

    private static JsonObject Concept(string system, string code, string display) => new()
    {
        ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code, ["display"] = display }),
        ["text"] = display,
    };
}
