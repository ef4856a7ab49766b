using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Model;

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
