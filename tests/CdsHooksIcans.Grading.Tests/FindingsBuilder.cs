using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Tests;

/// <summary>The products the tests use, as the terminology would describe them.</summary>
internal static class Products
{
    public static readonly IecProduct AxiCel = new("axicabtagene-ciloleucel", "Axicabtagene ciloleucel", TherapyClass.CarT, true, false);
    public static readonly IecProduct TisaCel = new("tisagenlecleucel", "Tisagenlecleucel", TherapyClass.CarT, false, false);
    public static readonly IecProduct CiltaCel = new("ciltacabtagene-autoleucel", "Ciltacabtagene autoleucel", TherapyClass.CarT, false, true);
    public static readonly IecProduct IdeCel = new("idecabtagene-vicleucel", "Idecabtagene vicleucel", TherapyClass.CarT, false, true);
    public static readonly IecProduct Teclistamab = new("teclistamab", "Teclistamab", TherapyClass.TCellEngager, false, false);
    public static readonly IecProduct CarTOther = new("car-t-other", "CAR-T, product not known", TherapyClass.CarT, false, false);
}

/// <summary>
/// Builds <see cref="PatientFindings"/> relative to a fixed <see cref="Now"/>. Times are given as "how long ago";
/// a negative span is in the future. Every item gets its own reference, numbered in the order added.
/// </summary>
internal sealed class FindingsBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultAgo = TimeSpan.FromHours(1);

    private PatientFindings _findings = PatientFindings.Empty("Patient/p1");
    private readonly Dictionary<string, int> _counts = [];

    /// <summary>An adult five days after axi-cel: inside the CAR-T window.</summary>
    public static FindingsBuilder AdultAfterCarT() =>
        new FindingsBuilder().BornYearsAgo(45).Infused(Products.AxiCel, TimeSpan.FromDays(5));

    public PatientFindings Build() => _findings;

    public IcansAssessment Assess(GradingOptions? options = null) => IcansGrader.Assess(_findings, Now, options);

    public FindingsBuilder BornOn(DateOnly birthDate) => With(f => f with { BirthDate = birthDate });

    public FindingsBuilder BornYearsAgo(int years) =>
        BornOn(DateOnly.FromDateTime(Now.DateTime).AddYears(-years).AddDays(-100));

    /// <summary>An infusion or dose; <paramref name="ago"/> <c>null</c> is a therapy history without a date (Z92.850).</summary>
    public FindingsBuilder Infused(IecProduct product, TimeSpan? ago) =>
        With(f => f with { Exposures = f.Exposures.Add(new IecExposure(product, Now - ago, Reference("MedicationAdministration"))) });

    public FindingsBuilder Ice(int? score, TimeSpan? ago = null, bool otherCause = false, string? comment = null) =>
        With(f => f with { Ice = f.Ice.Add(Observe(score, ago, otherCause, comment)) });

    public FindingsBuilder Capd(int? score, TimeSpan? ago = null, bool otherCause = false, string? comment = null) =>
        With(f => f with { Capd = f.Capd.Add(Observe(score, ago, otherCause, comment)) });

    public FindingsBuilder Consciousness(ConsciousnessLevel level, TimeSpan? ago = null, bool otherCause = false, string? comment = null) =>
        With(f => f with { Consciousness = f.Consciousness.Add(Observe(level, ago, otherCause, comment)) });

    public FindingsBuilder Alert(TimeSpan? ago = null) => Consciousness(ConsciousnessLevel.Alert, ago);

    public FindingsBuilder Seizure(SeizureFinding finding, TimeSpan? ago = null, bool otherCause = false, string? comment = null) =>
        With(f => f with { Seizures = f.Seizures.Add(Observe(finding, ago, otherCause, comment)) });

    public FindingsBuilder Motor(MotorFinding finding, TimeSpan? ago = null, bool otherCause = false, string? comment = null) =>
        With(f => f with { Motor = f.Motor.Add(Observe(finding, ago, otherCause, comment)) });

    public FindingsBuilder IcpEdema(IcpEdemaFinding finding, TimeSpan? ago = null, bool otherCause = false, string? comment = null) =>
        With(f => f with { IcpEdema = f.IcpEdema.Add(Observe(finding, ago, otherCause, comment)) });

    public FindingsBuilder CrsGrade(int grade, TimeSpan? ago = null) =>
        With(f => f with { CrsGrades = f.CrsGrades.Add(Observe(grade, ago, false)) });

    public FindingsBuilder CrsDiagnosis(int? grade, bool active = true, TimeSpan? ago = null, bool undated = false) =>
        With(f => f with
        {
            CrsDiagnoses = f.CrsDiagnoses.Add(new CrsDiagnosis(grade, active, Reference("Condition"), undated ? null : Now - (ago ?? DefaultAgo))),
        });

    public FindingsBuilder LateFinding(LateNeurotoxicityFinding finding, TimeSpan? ago = null, bool otherCause = false) =>
        With(f => f with { LateNeurotoxicity = f.LateNeurotoxicity.Add(Observe(finding, ago, otherCause)) });

    public FindingsBuilder LateDiagnosis(LateNeurotoxicityFinding finding, TimeSpan ago) =>
        With(f => f with { LateNeurotoxicityDiagnoses = f.LateNeurotoxicityDiagnoses.Add(new(finding, new Provenance(Reference("Condition"), Now - ago))) });

    public FindingsBuilder PriorGrade(int? grade, TimeSpan ago) =>
        With(f => f with { PriorIcansGrades = f.PriorIcansGrades.Add(Observe(grade, ago, false)) });

    private Observed<T> Observe<T>(T value, TimeSpan? ago, bool otherCause, string? comment = null) =>
        new(value, new Provenance(Reference("Observation"), Now - (ago ?? DefaultAgo)), otherCause, comment);

    // Numbered per resource type in the order added: the second observation is Observation/2.
    private string Reference(string type)
    {
        _counts[type] = _counts.GetValueOrDefault(type) + 1;
        return $"{type}/{_counts[type]}";
    }

    private FindingsBuilder With(Func<PatientFindings, PatientFindings> change)
    {
        _findings = change(_findings);
        return this;
    }
}
