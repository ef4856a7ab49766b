using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

/// <summary>Where a finding came from: the FHIR resource it was read from and the clinical time it describes.</summary>
/// <param name="Reference">A relative reference such as <c>Observation/obs-12</c>.</param>
/// <param name="Time">The clinically relevant time (effective, performed or issued).</param>
public sealed record Provenance(string Reference, DateTimeOffset Time);

/// <summary>One observed value with its provenance.</summary>
/// <typeparam name="T">The value type of the observation.</typeparam>
/// <param name="Value">The observed value.</param>
/// <param name="Source">The resource the value was read from.</param>
/// <param name="AttributedToOtherCause">
/// <c>true</c> when the clinician attributes the finding to another cause; it is then assessed and contributes 0 to the
/// ICANS grade.
/// </param>
/// <param name="Comment">
/// What the chart says about the entry, when it says anything: the cause a finding is attributed to, or why an
/// assessment was not done. Shown to the clinician; never used to grade.
/// </param>
public sealed record Observed<T>(T Value, Provenance Source, bool AttributedToOtherCause = false, string? Comment = null);

/// <summary>The ICANS grading domains of the ASTCT 2019 consensus (ICE and CAPD are the two cognitive tools).</summary>
public enum IcansDomain
{
    /// <summary>Immune effector cell encephalopathy score (age 12 and over).</summary>
    Ice,
    /// <summary>Cornell Assessment of Pediatric Delirium (under 12).</summary>
    Capd,
    /// <summary>Depressed level of consciousness.</summary>
    Consciousness,
    /// <summary>Seizure.</summary>
    Seizure,
    /// <summary>Motor findings.</summary>
    Motor,
    /// <summary>Elevated intracranial pressure or cerebral edema.</summary>
    IcpEdema,
}

/// <summary>Level of consciousness, ASTCT consciousness domain.</summary>
public enum ConsciousnessLevel
{
    /// <summary>Fully alert: contributes nothing.</summary>
    Alert,
    /// <summary>Drowsy but awakens spontaneously (grade 1).</summary>
    AwakensSpontaneously,
    /// <summary>Awakens to voice (grade 2).</summary>
    AwakensToVoice,
    /// <summary>Awakens only to tactile stimulus (grade 3).</summary>
    AwakensToTactile,
    /// <summary>Unarousable or needs vigorous or repetitive tactile stimuli; stupor; coma (grade 4).</summary>
    Unarousable,
}

/// <summary>Seizure finding, ASTCT seizure domain.</summary>
public enum SeizureFinding
{
    /// <summary>No seizure.</summary>
    NoSeizure,
    /// <summary>Any clinical seizure, focal or generalized, that resolves rapidly (grade 3).</summary>
    SeizureResolvedRapidly,
    /// <summary>Non-convulsive seizures on EEG that resolve with intervention (grade 3).</summary>
    NonconvulsiveSeizureResolved,
    /// <summary>Life-threatening prolonged seizure over 5 minutes (grade 4).</summary>
    ProlongedSeizure,
    /// <summary>Repetitive clinical or electrical seizures without return to baseline in between (grade 4).</summary>
    RepetitiveSeizures,
}

/// <summary>Motor finding, ASTCT motor domain.</summary>
public enum MotorFinding
{
    /// <summary>No motor finding.</summary>
    NoMotorFinding,
    /// <summary>Tremor: graded with CTCAE, never raises the ICANS grade.</summary>
    Tremor,
    /// <summary>Myoclonus: graded with CTCAE, never raises the ICANS grade.</summary>
    Myoclonus,
    /// <summary>Deep focal motor weakness: hemiparesis (grade 4).</summary>
    Hemiparesis,
    /// <summary>Deep focal motor weakness: paraparesis (grade 4).</summary>
    Paraparesis,
}

/// <summary>Raised intracranial pressure or cerebral edema finding, ASTCT ICP/edema domain.</summary>
public enum IcpEdemaFinding
{
    /// <summary>No edema.</summary>
    NoEdema,
    /// <summary>Focal or local edema on neuroimaging (grade 3).</summary>
    FocalEdema,
    /// <summary>Diffuse cerebral edema on neuroimaging (grade 4).</summary>
    DiffuseEdema,
    /// <summary>Decerebrate or decorticate posturing (grade 4).</summary>
    Posturing,
    /// <summary>Cranial nerve VI palsy (grade 4).</summary>
    CranialNerveViPalsy,
    /// <summary>Papilledema (grade 4).</summary>
    Papilledema,
    /// <summary>Cushing's triad (grade 4).</summary>
    CushingTriad,
    /// <summary>Intracranial hemorrhage: not an ICANS feature, excluded from grading.</summary>
    IntracranialHemorrhage,
}

/// <summary>
/// A late neurotoxicity finding after BCMA CAR-T (<c>late-neurotoxicity</c> findings of the <c>icans-finding</c>
/// CodeSystem). None is an ASTCT ICANS domain: they never change the ICANS grade and never take its grade-4 path.
/// </summary>
public enum LateNeurotoxicityFinding
{
    /// <summary>Re-examined: none present. Charted later than a finding, it resolves that finding.</summary>
    NoLateNeurotoxicityFinding,
    /// <summary>Parkinsonism (movement and neurocognitive toxicity, MNT).</summary>
    Parkinsonism,
    /// <summary>Bradykinesia, an MNT sign.</summary>
    Bradykinesia,
    /// <summary>Micrographia, an MNT sign often first seen in handwriting samples.</summary>
    Micrographia,
    /// <summary>A new gait disturbance, an MNT sign.</summary>
    GaitDisturbance,
    /// <summary>A new personality change, an MNT sign.</summary>
    PersonalityChange,
    /// <summary>Guillain-Barre syndrome.</summary>
    GuillainBarreSyndrome,
    /// <summary>Facial (cranial nerve VII) palsy, the most frequent cranial nerve palsy after cilta-cel.</summary>
    FacialNervePalsy,
    /// <summary>A palsy of a cranial nerve other than VI and VII. A cranial nerve VI palsy is the ICANS grade-4 sign (<see cref="IcpEdemaFinding.CranialNerveViPalsy"/>).</summary>
    CranialNervePalsy,
    /// <summary>A new or worsened peripheral neuropathy.</summary>
    PeripheralNeuropathy,
}

/// <summary>Which kind of immune effector cell therapy a product is.</summary>
public enum TherapyClass
{
    /// <summary>CAR-T cell therapy: the window runs from the first infusion to 30 days after the last.</summary>
    CarT,
    /// <summary>T-cell-engaging bispecific antibody: the window runs 14 days after the most recent dose.</summary>
    TCellEngager,
}

/// <summary>An immune effector cell product, as described by the <c>iec-product</c> CodeSystem.</summary>
/// <param name="Code">The product code, for example <c>axicabtagene-ciloleucel</c>.</param>
/// <param name="Display">A human-readable name.</param>
/// <param name="Class">CAR-T or T-cell engager.</param>
/// <param name="HighIcansRisk">High ICANS risk (CD28 products such as axi-cel and brexu-cel): earlier steroids may be an option.</param>
/// <param name="LateNeurotoxicityWatch">BCMA products with delayed neurotoxicity: a late watch after the window.</param>
public sealed record IecProduct(string Code, string Display, TherapyClass Class, bool HighIcansRisk, bool LateNeurotoxicityWatch);

/// <summary>One infusion or dose of an immune effector cell therapy.</summary>
/// <param name="Product">The product given.</param>
/// <param name="Time">When it was given; <c>null</c> when only a history of therapy is recorded (Z92.850).</param>
/// <param name="Source">The MedicationAdministration, Procedure or Condition it was read from.</param>
public sealed record IecExposure(IecProduct Product, DateTimeOffset? Time, string Source);

/// <summary>A CRS diagnosis from the problem list (ICD-10-CM D89.83x).</summary>
/// <param name="Grade">The grade the code states, or <c>null</c> for grade unspecified.</param>
/// <param name="Active">clinicalStatus is active or recurrence.</param>
/// <param name="Source">The Condition, for example <c>Condition/crs-1</c>.</param>
/// <param name="Time">Onset, or else recorded date, when the Condition states one.</param>
public sealed record CrsDiagnosis(int? Grade, bool Active, string Source, DateTimeOffset? Time);

/// <summary>
/// Everything the grading engine knows about one patient, already read from FHIR: only observations whose status
/// counts are here, each with its provenance. Collections may be in any order.
/// </summary>
/// <param name="Patient">The patient reference, for example <c>Patient/123</c>.</param>
/// <param name="BirthDate">Date of birth, when known; gives the age at each assessment.</param>
/// <param name="Exposures">Infusions and doses of immune effector cell therapies.</param>
/// <param name="Ice">ICE totals (0-10); <c>null</c> value means the assessment was not done (dataAbsentReason).</param>
/// <param name="Capd">CAPD totals (0-32); <c>null</c> value means the assessment was not done.</param>
/// <param name="Consciousness">Level-of-consciousness findings.</param>
/// <param name="Seizures">Seizure findings.</param>
/// <param name="Motor">Motor findings.</param>
/// <param name="IcpEdema">Raised ICP / cerebral edema findings.</param>
/// <param name="CrsGrades">ASTCT CRS grades recorded as observations (0-4).</param>
/// <param name="CrsDiagnoses">Current CRS diagnoses (active, or recorded inside the window).</param>
/// <param name="PriorIcansGrades">ICANS grades recorded earlier (icans-grade observations, G92.0x conditions): history only.</param>
public sealed record PatientFindings(
    string Patient,
    DateOnly? BirthDate,
    ImmutableArray<IecExposure> Exposures,
    ImmutableArray<Observed<int?>> Ice,
    ImmutableArray<Observed<int?>> Capd,
    ImmutableArray<Observed<ConsciousnessLevel>> Consciousness,
    ImmutableArray<Observed<SeizureFinding>> Seizures,
    ImmutableArray<Observed<MotorFinding>> Motor,
    ImmutableArray<Observed<IcpEdemaFinding>> IcpEdema,
    ImmutableArray<Observed<int>> CrsGrades,
    ImmutableArray<CrsDiagnosis> CrsDiagnoses,
    ImmutableArray<Observed<int?>> PriorIcansGrades)
{
    /// <summary>
    /// Late neurotoxicity findings charted as Observations (<c>late-neurotoxicity</c>), any time: the rules read them over
    /// the late-neurotoxicity watch, not the assessment window. They never change the ICANS grade.
    /// </summary>
    public ImmutableArray<Observed<LateNeurotoxicityFinding>> LateNeurotoxicity { get; init; } = [];

    /// <summary>
    /// Late neurotoxicity diagnoses from the problem list (active ICD-10-CM Conditions of <c>late-neurotoxicity-conditions</c>),
    /// timed by onset or recorded date; undated ones are left out, since they cannot be told from a neuropathy that came
    /// before the infusion.
    /// </summary>
    public ImmutableArray<Observed<LateNeurotoxicityFinding>> LateNeurotoxicityDiagnoses { get; init; } = [];

    /// <summary>A patient with no data at all, a starting point for builders and tests.</summary>
    public static PatientFindings Empty(string patient) => new(
        patient, null, [], [], [], [], [], [], [], [], [], []);
}
