using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// The two services and their prefetch templates. Search codes are expanded from the loaded ValueSets, so a code a
/// deployment adds to fhir-profiles is both advertised and queried. Templates use only CDS Hooks 2.0 tokens.
/// </summary>
public static class ServiceDefinitions
{
    public const string PatientViewId = "icans-patient-view";
    public const string OrderSignId = "icans-order-sign";

    // Phase 1 decides whether the patient ever had an IEC therapy; the rest is only read for those who did.
    public static IReadOnlyList<PrefetchQuery> ClinicalQueries(IcansTerminology terminology) =>
    [
        new("infusions", $"MedicationAdministration?patient={{{{context.patientId}}}}&code={Codes(terminology, "iec-therapies")}", Required: true, Phase: 1),
        new("procedures", $"Procedure?patient={{{{context.patientId}}}}&code={Codes(terminology, "car-t-administration")}", Required: true, Phase: 1),
        new("conditions", $"Condition?patient={{{{context.patientId}}}}&code={Codes(terminology, "crs-conditions", "icans-conditions", "car-t-history", "late-neurotoxicity-conditions")}", Required: false, Phase: 1),
        new("patient", "Patient/{{context.patientId}}", Required: true, Phase: 2),
        new("observations", $"Observation?patient={{{{context.patientId}}}}&code={Codes(terminology, "icans-observations")}&_sort=-date&_count=200", Required: true, Phase: 2),
    ];

    /// <summary>
    /// What the bedside app reads: the hooks' clinical reads, so the app grades the chart the cards grade, and the
    /// corticosteroid and tocilizumab doses given, for the course.
    /// </summary>
    public static IReadOnlyList<PrefetchQuery> BedsideAppReads(IcansTerminology terminology) =>
    [
        .. ClinicalQueries(terminology),
        new("treatments", $"MedicationAdministration?patient={{{{context.patientId}}}}&code={Codes(terminology, "corticosteroids", "tocilizumab")}", Required: false, Phase: 2),
    ];

    public static CdsServiceDefinition PatientView(IcansTerminology terminology) => new(
        PatientViewId,
        "patient-view",
        "ICANS grading (ASTCT) after CAR-T and T-cell engagers",
        "Grades immune effector cell-associated neurotoxicity syndrome (ICANS) with the ASTCT 2019 consensus for patients "
        + "in the monitoring window after CAR-T cell therapy or a T-cell-engaging bispecific, shows the evidence behind the "
        + "grade, and suggests recording it. After BCMA CAR-T it also names late neurotoxicity findings (parkinsonism, "
        + "Guillain-Barre syndrome, cranial nerve palsies, neuropathy) on a card of their own. Patients with no such therapy "
        + "get no cards.",
        "Reads MedicationAdministration, Procedure, Condition, Patient and Observation (ICE, CAPD, consciousness, seizure, "
        + "motor, ICP/edema, CRS grade, late neurotoxicity) for the patient. Observation codes follow the CdsHooksIcans data contract "
        + "(http://cdshooks-icans.org/fhir) or local codes mapped to it. Reads the patient's active MedicationRequests to say "
        + "whether a running corticosteroid meets the grade.",
        [.. ClinicalQueries(terminology), ActiveMedicationOrders]);

    public static CdsServiceDefinition OrderSign(IcansTerminology terminology) => new(
        OrderSignId,
        "order-sign",
        "ICANS corticosteroid and tocilizumab checks at order signing",
        "When orders are signed for a patient after CAR-T or a T-cell engager, reminds about the corticosteroid the ICANS "
        + "grade calls for (missing, below the grade, or an active regimen the grade has outgrown), asks to confirm CRS before "
        + "tocilizumab and warns against it for ICANS without CRS, flags doses above safety ceilings and missing seizure "
        + "prophylaxis for the products the institution covers.",
        "Reads context.draftOrders (MedicationRequest, ServiceRequest), the patient's active MedicationRequests and the same "
        + "clinical data as icans-patient-view. Drugs are recognised by RxNorm ingredient or clinical-drug code (fhir-profiles "
        + "ValueSets), or by name as a last resort that the card admits; doses in tablets or mL convert through the product's "
        + "strength (fhir-profiles/medications).",
        [.. ClinicalQueries(terminology), ActiveMedicationOrders]);

    /// <summary>The patient's active medication orders: a regimen already running counts, and a grade that outgrew it escalates.</summary>
    public static PrefetchQuery ActiveMedicationOrders { get; } =
        new("medications", "MedicationRequest?patient={{context.patientId}}&status=active", Required: false, Phase: 2);

    private static string Codes(IcansTerminology terminology, params string[] valueSets) =>
        string.Join(',', valueSets.SelectMany(terminology.Expand).Select(c => $"{c.System}|{c.Code}").Distinct(StringComparer.Ordinal));
}
