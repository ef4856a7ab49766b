using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Tests.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;
using Provenance = CdsHooksIcans.Grading.Model.Provenance;
using static CdsHooksIcans.Clinical.Tests.Extraction.Fhir;

namespace CdsHooksIcans.Clinical.Tests.Extraction;

public sealed class FindingsExtractorTests(TerminologyFixture fixture) : IClassFixture<TerminologyFixture>
{
    private static readonly DateTimeOffset Infused = Now.AddDays(-5);

    private readonly FindingsExtractor _extractor = new(fixture.Terminology);

    private PatientFindings Extract(params Resource[] resources) => _extractor.Extract(PatientId, resources);

    [Fact]
    public void Extract_Patient_ReadsBirthDateAndReference()
    {
        var findings = Extract(new Patient { Id = PatientId, BirthDate = "2015-03-04" }, new Patient { Id = "other", BirthDate = "1950-01-01" });
        Assert.Equal("Patient/p1", findings.Patient);
        Assert.Equal(new DateOnly(2015, 3, 4), findings.BirthDate);
    }

    [Fact]
    public void Extract_OtherPatientsAndSubjectless_AreIgnored()
    {
        var other = Score("o1", "ice-total", 3);
        other.Subject = Subject("p2");
        var lookalike = Score("o2", "ice-total", 3);
        lookalike.Subject = new ResourceReference("Patient/xp1");
        var none = Score("o3", "ice-total", 3);
        none.Subject = null;
        Assert.Empty(Extract(other, lookalike, none).Ice);
    }

    [Fact]
    public void Extract_AbsoluteSubjectUrl_Counts()
    {
        var observation = Score("o1", "ice-total", 6);
        observation.Subject = new ResourceReference("https://ehr.example.org/fhir/Patient/p1");
        Assert.Equal(6, Assert.Single(Extract(observation).Ice).Value);
    }

    [Fact]
    public void Extract_InfusionWithProductCode_IsAnExposure()
    {
        var exposure = Assert.Single(Extract(Infusion("ma1", Code(ProductSystem, "axicabtagene-ciloleucel"), Infused)).Exposures);
        Assert.Equal("axicabtagene-ciloleucel", exposure.Product.Code);
        Assert.Equal(Infused, exposure.Time);
        Assert.Equal("MedicationAdministration/ma1", exposure.Source);
    }

    [Fact]
    public void Extract_InfusionWithHcpcsCodeAndPeriod_MapsProductAndTakesPeriodStart()
    {
        var infusion = Infusion("ma1", Code(Hcpcs, "Q2056"), Infused);
        infusion.Effective = new Period(At(Infused), At(Infused.AddHours(1)));
        var exposure = Assert.Single(Extract(infusion).Exposures);
        Assert.Equal("ciltacabtagene-autoleucel", exposure.Product.Code);
        Assert.Equal(Infused, exposure.Time);
    }

    [Theory]
    [InlineData(MedicationAdministration.MedicationAdministrationStatusCodes.InProgress, true)]
    [InlineData(MedicationAdministration.MedicationAdministrationStatusCodes.EnteredInError, false)]
    [InlineData(MedicationAdministration.MedicationAdministrationStatusCodes.NotDone, false)]
    [InlineData(MedicationAdministration.MedicationAdministrationStatusCodes.Stopped, false)]
    public void Extract_InfusionStatus_DecidesWhetherItCounts(MedicationAdministration.MedicationAdministrationStatusCodes status, bool counts)
    {
        var infusion = Infusion("ma1", Code(ProductSystem, "teclistamab"), Infused);
        infusion.Status = status;
        Assert.Equal(counts ? 1 : 0, Extract(infusion).Exposures.Length);
    }

    [Fact]
    public void Extract_InfusionOfAnotherDrug_IsIgnored() =>
        Assert.Empty(Extract(Infusion("ma1", Code(Cpt, "38228"), Infused)).Exposures);

    [Fact]
    public void Extract_MedicationReference_ResolvesContainedAndListedMedication()
    {
        var contained = Infusion("ma1", null!, Infused);
        contained.Contained.Add(new Medication { Id = "m", Code = Code(ProductSystem, "glofitamab") });
        contained.Medication = new ResourceReference("#m");
        var listed = Infusion("ma2", null!, Infused.AddDays(1));
        listed.Medication = new ResourceReference("Medication/med-9");
        var dangling = Infusion("ma3", null!, Infused.AddDays(2));
        dangling.Medication = new ResourceReference("Medication/missing");

        var findings = Extract(contained, listed, dangling, new Medication { Id = "med-9", Code = Code(Hcpcs, "Q2041") });

        Assert.Equal(["glofitamab", "axicabtagene-ciloleucel"], findings.Exposures.Select(e => e.Product.Code));
    }

    [Fact]
    public void Extract_CarTProcedure_UsesUsedCodeElseCarTOther()
    {
        var withProduct = CarTProcedure("pr1", Infused, Code(Hcpcs, "Q2054"));
        var withoutProduct = CarTProcedure("pr2", Infused.AddDays(1));
        withoutProduct.Performed = new Period { StartElement = At(Infused.AddDays(1)) };

        var findings = Extract(withoutProduct, withProduct);

        Assert.Equal(["lisocabtagene-maraleucel", "car-t-other"], findings.Exposures.Select(e => e.Product.Code));
        Assert.Equal(["Procedure/pr1", "Procedure/pr2"], findings.Exposures.Select(e => e.Source));
        Assert.Equal(Infused.AddDays(1), findings.Exposures[1].Time);
    }

    [Fact]
    public void Extract_ProcedureNotCompletedOrNotCarT_IsIgnored()
    {
        var planned = CarTProcedure("pr1", Infused);
        planned.Status = EventStatus.Preparation;
        var other = CarTProcedure("pr2", Infused);
        other.Code = Code(Cpt, "99213");
        Assert.Empty(Extract(planned, other).Exposures);
    }

    [Fact]
    public void Extract_CarTHistoryWithoutInfusion_IsAnUndatedCarTOtherExposure()
    {
        var exposure = Assert.Single(Extract(Condition("c1", "Z92.850")).Exposures);
        Assert.Equal("car-t-other", exposure.Product.Code);
        Assert.Null(exposure.Time);
        Assert.Equal("Condition/c1", exposure.Source);
    }

    [Fact]
    public void Extract_CarTHistoryWithDatedInfusion_AddsNothing() =>
        Assert.Equal(["MedicationAdministration/ma1"], Extract(Condition("c1", "Z92.850"), Infusion("ma1", Code(ProductSystem, "tisagenlecleucel"), Infused)).Exposures.Select(e => e.Source));

    [Fact]
    public void Begin_InParts_ExposuresSoFarAreWhatFinishWouldGive_AndLaterPartsCanChangeThem()
    {
        var byReference = Infusion("ma1", null!, Infused);
        byReference.Medication = new ResourceReference("Medication/med-9");
        var extraction = _extractor.Begin(PatientId);

        extraction.Add([Condition("c1", "Z92.850"), byReference]);
        Assert.Equal(["Condition/c1"], extraction.Exposures.Select(e => e.Source));

        // The Medication of the first part's administration comes later: the dated infusion replaces the history's stand-in.
        extraction.Add([new Medication { Id = "med-9", Code = Code(Hcpcs, "Q2041") }]);
        Assert.Equal(["MedicationAdministration/ma1"], extraction.Exposures.Select(e => e.Source));
        Assert.Equal(["MedicationAdministration/ma1"], extraction.Finish().Exposures.Select(e => e.Source));
    }

    [Fact]
    public void Begin_Finished_TakesNoMoreResources()
    {
        var extraction = _extractor.Begin(PatientId);
        extraction.Finish();

        Assert.Throws<InvalidOperationException>(() => extraction.Add([]));
        Assert.Throws<InvalidOperationException>(() => extraction.Finish());
    }

    [Fact]
    public void Extract_IceTotal_ReadsValueAndProvenance()
    {
        var observed = Assert.Single(Extract(Score("o1", "ice-total", 7)).Ice);
        Assert.Equal(7, observed.Value);
        Assert.Equal(new Provenance("Observation/o1", Now), observed.Source);
        Assert.False(observed.AttributedToOtherCause);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Extract_IceTotalOutOfRange_IsIgnored(int score) =>
        Assert.Empty(Extract(Score("o1", "ice-total", score)).Ice);

    [Fact]
    public void Extract_IceTotalNotDone_IsNullNotZero()
    {
        var notDone = Observation("o1", "ice-total", null);
        notDone.DataAbsentReason = Code("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed");
        var observed = Assert.Single(Extract(notDone).Ice);
        Assert.Null(observed.Value);
    }

    [Fact]
    public void Extract_IceTotalWithoutValueOrReason_IsIgnored() =>
        Assert.Empty(Extract(Observation("o1", "ice-total", null)).Ice);

    [Fact]
    public void Extract_IceTotalWithFiveItemComponents_IsTheirSum()
    {
        var total = Observation("o1", "ice-total", null);
        total.Component.AddRange(
        [
            Component("ice-orientation", new Integer(3)), Component("ice-naming", new Integer(2)),
            Component("ice-commands", new Integer(1)), Component("ice-writing", new Integer(0)), Component("ice-attention", new Integer(1)),
        ]);
        Assert.Equal(7, Assert.Single(Extract(total).Ice).Value);

        total.Component.RemoveAt(4);
        Assert.Empty(Extract(total).Ice);
    }

    [Fact]
    public void Extract_FiveStandaloneItemsOfOneAssessment_SynthesizeATotal()
    {
        var earlier = Now.AddHours(-6);
        Resource[] items =
        [
            Score("i5", "ice-attention", 0), Score("i2", "ice-naming", 3), Score("i1", "ice-orientation", 2),
            Score("i4", "ice-writing", 1), Score("i3", "ice-commands", 1),
            Score("j1", "ice-orientation", 4, earlier), Score("j2", "ice-naming", 3, earlier), // incomplete assessment
        ];

        var observed = Assert.Single(Extract(items).Ice);

        Assert.Equal(7, observed.Value);
        Assert.Equal(new Provenance("Observation/i1", Now), observed.Source);
    }

    [Fact]
    public void Extract_ItemsBesideAnIceTotalAtTheSameTime_DoNotMakeASecondTotal()
    {
        var findings = Extract(
            Score("t", "ice-total", 9), Score("i1", "ice-orientation", 0), Score("i2", "ice-naming", 0),
            Score("i3", "ice-commands", 0), Score("i4", "ice-writing", 0), Score("i5", "ice-attention", 0));
        Assert.Equal(9, Assert.Single(findings.Ice).Value);
    }

    [Fact]
    public void Extract_ItemOutOfRange_SynthesizesNoTotal() =>
        Assert.Empty(Extract(
            Score("i1", "ice-orientation", 5), Score("i2", "ice-naming", 3),
            Score("i3", "ice-commands", 1), Score("i4", "ice-writing", 1), Score("i5", "ice-attention", 1)).Ice);

    [Fact]
    public void Extract_CapdTotal_RangeAndNotDone()
    {
        var notDone = Observation("c2", "capd-total", null);
        notDone.DataAbsentReason = Code("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed");
        var findings = Extract(Score("c1", "capd-total", 12), notDone, Score("c3", "capd-total", 33));
        Assert.Equal([12, null], findings.Capd.Select(c => c.Value));
    }

    [Theory]
    [InlineData(ObservationStatus.Preliminary, true)]
    [InlineData(ObservationStatus.Amended, true)]
    [InlineData(ObservationStatus.Corrected, true)]
    [InlineData(ObservationStatus.EnteredInError, false)]
    [InlineData(ObservationStatus.Cancelled, false)]
    [InlineData(ObservationStatus.Registered, false)]
    public void Extract_ObservationStatus_DecidesWhetherItCounts(ObservationStatus status, bool counts)
    {
        var observation = Score("o1", "ice-total", 4);
        observation.Status = status;
        Assert.Equal(counts ? 1 : 0, Extract(observation).Ice.Length);
    }

    [Fact]
    public void Extract_ObservationTime_FallsBackToPeriodEndThenIssued()
    {
        var byPeriod = Score("o1", "crs-grade", 1);
        byPeriod.Effective = new Period(At(Now.AddHours(-2)), At(Now.AddHours(-1)));
        var byIssued = Score("o2", "crs-grade", 2);
        byIssued.Effective = null;
        byIssued.Issued = Now;
        var timeless = Score("o3", "crs-grade", 3);
        timeless.Effective = null;

        var findings = Extract(byPeriod, byIssued, timeless);

        Assert.Equal([Now.AddHours(-1), Now], findings.CrsGrades.Select(g => g.Source.Time));
    }

    [Fact]
    public void Extract_CategoricalFindings_MapToTheirDomains()
    {
        var findings = Extract(
            Finding("f1", "consciousness", "awakens-to-voice"),
            Finding("f2", "seizure", "nonconvulsive-seizure-resolved"),
            Finding("f3", "motor", "hemiparesis"),
            Finding("f4", "icp-edema", "cranial-nerve-vi-palsy"));

        Assert.Equal(ConsciousnessLevel.AwakensToVoice, Assert.Single(findings.Consciousness).Value);
        Assert.Equal(SeizureFinding.NonconvulsiveSeizureResolved, Assert.Single(findings.Seizures).Value);
        Assert.Equal(MotorFinding.Hemiparesis, Assert.Single(findings.Motor).Value);
        Assert.Equal(IcpEdemaFinding.CranialNerveViPalsy, Assert.Single(findings.IcpEdema).Value);
    }

    [Fact]
    public void Extract_LateNeurotoxicityFinding_IsCarriedWithItsProvenance_AndNeverAsAnIcansDomain()
    {
        var findings = Extract(
            Finding("l1", "late-neurotoxicity", "parkinsonism", Now.AddDays(-3)),
            Finding("l2", "late-neurotoxicity", "facial-nerve-palsy"),
            Finding("l3", "late-neurotoxicity", "no-late-neurotoxicity-finding", Now.AddDays(-10)));

        Assert.Equal(
            [LateNeurotoxicityFinding.NoLateNeurotoxicityFinding, LateNeurotoxicityFinding.Parkinsonism, LateNeurotoxicityFinding.FacialNervePalsy],
            findings.LateNeurotoxicity.Select(o => o.Value));
        Assert.Equal(new Provenance("Observation/l1", Now.AddDays(-3)), findings.LateNeurotoxicity[1].Source);
        Assert.Empty(findings.IcpEdema);
        Assert.Empty(findings.Motor);
    }

    [Fact]
    public void Extract_LateFindingUnderAnotherDomain_OrAnIcansCodeAsLateFinding_IsIgnored()
    {
        var findings = Extract(
            Finding("l1", "icp-edema", "facial-nerve-palsy"),
            Finding("l2", "late-neurotoxicity", "cranial-nerve-vi-palsy"),
            Finding("l3", "late-neurotoxicity", "tremor"));

        Assert.Empty(findings.IcpEdema);
        Assert.Empty(findings.LateNeurotoxicity);
        Assert.Empty(findings.Motor);
    }

    [Fact]
    public void Extract_AttributedLateFinding_IsFlagged()
        => Assert.True(Assert.Single(Extract(Finding("l1", "late-neurotoxicity", "peripheral-neuropathy").AttributedToOtherCause()).LateNeurotoxicity).AttributedToOtherCause);

    [Theory]
    [InlineData("G61.0", LateNeurotoxicityFinding.GuillainBarreSyndrome)]
    [InlineData("G20.C", LateNeurotoxicityFinding.Parkinsonism)]
    [InlineData("G21.19", LateNeurotoxicityFinding.Parkinsonism)]
    [InlineData("G21.8", LateNeurotoxicityFinding.Parkinsonism)]
    [InlineData("G21.9", LateNeurotoxicityFinding.Parkinsonism)]
    [InlineData("G51.0", LateNeurotoxicityFinding.FacialNervePalsy)]
    [InlineData("G51.8", LateNeurotoxicityFinding.FacialNervePalsy)]
    [InlineData("G51.9", LateNeurotoxicityFinding.FacialNervePalsy)]
    [InlineData("G62.0", LateNeurotoxicityFinding.PeripheralNeuropathy)]
    [InlineData("G62.9", LateNeurotoxicityFinding.PeripheralNeuropathy)]
    public void Extract_ActiveDatedLateDiagnosis_IsItsFinding(string icd10, LateNeurotoxicityFinding finding)
    {
        var diagnosis = Assert.Single(Extract(Condition("c1", icd10, onset: Now.AddDays(-4))).LateNeurotoxicityDiagnoses);

        Assert.Equal(finding, diagnosis.Value);
        Assert.Equal(new Provenance("Condition/c1", Now.AddDays(-4)), diagnosis.Source);
    }

    [Fact]
    public void Extract_LateDiagnosis_RecordedDateWhenNoOnset()
    {
        var condition = Condition("c1", "G61.0");
        condition.RecordedDateElement = At(Now.AddDays(-2));

        Assert.Equal(Now.AddDays(-2), Assert.Single(Extract(condition).LateNeurotoxicityDiagnoses).Source.Time);
    }

    [Theory]
    [InlineData("resolved", true)]
    [InlineData("inactive", true)]
    [InlineData("active", false)]
    public void Extract_LateDiagnosis_InactiveOrUndated_IsLeftOut(string clinicalStatus, bool dated)
        => Assert.Empty(Extract(Condition("c1", "G62.9", clinicalStatus, dated ? Now.AddDays(-4) : null)).LateNeurotoxicityDiagnoses);

    [Fact]
    public void Extract_LateDiagnosis_EnteredInError_IsLeftOut()
    {
        var condition = Condition("c1", "G61.0", onset: Now.AddDays(-4));
        condition.VerificationStatus = Code("http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error");

        Assert.Empty(Extract(condition).LateNeurotoxicityDiagnoses);
    }

    [Fact]
    public void Extract_FindingCodeOfTheWrongDomain_IsIgnored() =>
        Assert.Empty(Extract(Finding("f1", "consciousness", "focal-edema")).Consciousness);

    [Fact]
    public void Extract_AttributedToOtherCause_IsFlagged()
    {
        var findings = Extract(Finding("f1", "motor", "paraparesis").AttributedToOtherCause(), Score("o1", "ice-total", 2));
        Assert.True(Assert.Single(findings.Motor).AttributedToOtherCause);
        Assert.False(Assert.Single(findings.Ice).AttributedToOtherCause);
    }

    [Fact]
    public void Extract_AttributedFinding_TakesTheCauseFromTheComponentText()
    {
        var finding = Finding("f1", "consciousness", "awakens-to-voice").AttributedToOtherCause();
        finding.Component[0].Code.Text = "propofol sedation";
        finding.Note.Add(new Annotation { Text = "ventilated overnight" });
        var observed = Assert.Single(Extract(finding).Consciousness);
        Assert.True(observed.AttributedToOtherCause);
        Assert.Equal("propofol sedation", observed.Comment);
    }

    [Fact]
    public void Extract_AttributedFindingWithoutComponentText_TakesTheCauseFromTheNote()
    {
        var finding = Finding("f1", "motor", "hemiparesis").AttributedToOtherCause();
        finding.Note.Add(new Annotation { Text = "  " });
        finding.Note.Add(new Annotation { Text = "Left hemiparesis,\n unchanged since stroke in 2023." });
        Assert.Equal("Left hemiparesis, unchanged since stroke in 2023.", Assert.Single(Extract(finding).Motor).Comment);
    }

    [Fact]
    public void Extract_FindingThatCounts_HasNoComment()
    {
        var finding = Finding("f1", "motor", "hemiparesis");
        finding.Note.Add(new Annotation { Text = "new left-sided weakness" });
        Assert.Null(Assert.Single(Extract(finding).Motor).Comment);
    }

    [Theory]
    [InlineData("not-performed", "patient asleep, not woken", null, "patient asleep, not woken")]
    [InlineData("not-performed", null, "intubated", "intubated")]
    [InlineData("asked-declined", null, null, "Asked But Declined")]
    [InlineData("not-performed", null, null, null)]
    public void Extract_AttemptNotDone_TakesItsReason(string code, string? reasonText, string? note, string? expected)
    {
        var notDone = Observation("o1", "ice-total", null);
        var display = code == "not-performed" ? "Not Performed" : "Asked But Declined";
        notDone.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", code, display, reasonText);
        if (note is not null)
        {
            notDone.Note.Add(new Annotation { Text = note });
        }

        var observed = Assert.Single(Extract(notDone).Ice);
        Assert.Null(observed.Value);
        Assert.Equal(expected, observed.Comment);
    }

    [Fact]
    public void Extract_LongCause_IsCut()
    {
        var finding = Finding("f1", "consciousness", "awakens-to-voice").AttributedToOtherCause();
        finding.Note.Add(new Annotation { Text = new string('x', 500) });
        var comment = Assert.Single(Extract(finding).Consciousness).Comment!;
        Assert.Equal(160, comment.Length);
        Assert.EndsWith("…", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_CrsAndIcansGradeObservations_ReadInRange()
    {
        var findings = Extract(Score("c1", "crs-grade", 2), Score("c2", "crs-grade", 5), Score("g1", "icans-grade", 3));
        Assert.Equal(2, Assert.Single(findings.CrsGrades).Value);
        Assert.Equal(3, Assert.Single(findings.PriorIcansGrades).Value);
    }

    [Fact]
    public void Extract_CrsCondition_GradeActiveFlagAndTime()
    {
        var recorded = Condition("c2", "D89.839", "resolved");
        recorded.RecordedDate = "2026-01-12T08:00:00Z";
        var findings = Extract(Condition("c1", "D89.833", "recurrence", Now.AddDays(-1)), recorded);

        Assert.Equal(
            [new CrsDiagnosis(null, false, "Condition/c2", Now.AddDays(-3).AddHours(-4)), new CrsDiagnosis(3, true, "Condition/c1", Now.AddDays(-1))],
            findings.CrsDiagnoses.ToArray());
    }

    [Fact]
    public void Extract_RefutedOrEnteredInErrorCondition_IsIgnored()
    {
        var refuted = Condition("c1", "D89.832");
        refuted.VerificationStatus = Code("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted");
        var mistaken = Condition("c2", "Z92.850");
        mistaken.VerificationStatus = Code("http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error");
        var findings = Extract(refuted, mistaken);
        Assert.Empty(findings.CrsDiagnoses);
        Assert.Empty(findings.Exposures);
    }

    [Fact]
    public void Extract_IcansCondition_IsPriorGradeWhenDated()
    {
        var findings = Extract(Condition("c1", "G92.03", "resolved", Now.AddDays(-20)), Condition("c2", "G92.00", "active", Now.AddDays(-2)), Condition("c3", "G92.02"));
        Assert.Equal([3, null], findings.PriorIcansGrades.Select(g => g.Value));
        Assert.Equal("Condition/c1", findings.PriorIcansGrades[0].Source.Reference);
    }

    [Fact]
    public void Extract_ShuffledInput_GivesTheSameFindings()
    {
        Resource[] resources =
        [
            new Patient { Id = PatientId, BirthDate = "1960-05-01" },
            Infusion("ma1", Code(ProductSystem, "axicabtagene-ciloleucel"), Infused),
            CarTProcedure("pr1", Infused),
            Score("o1", "ice-total", 8, Now.AddHours(-3)), Score("o2", "ice-total", 5, Now.AddHours(-3)), Score("o3", "ice-total", 6),
            Score("i1", "ice-orientation", 1, Now.AddHours(-1)), Score("i2", "ice-naming", 1, Now.AddHours(-1)),
            Score("i3", "ice-commands", 1, Now.AddHours(-1)), Score("i4", "ice-writing", 1, Now.AddHours(-1)), Score("i5", "ice-attention", 0, Now.AddHours(-1)),
            Finding("f1", "seizure", "prolonged-seizure", Now.AddHours(-2)), Finding("f2", "seizure", "no-seizure", Now.AddHours(-2)),
            Condition("c1", "D89.832", "active", Now.AddDays(-1)), Condition("c2", "G92.02", "active", Now.AddDays(-1)),
        ];
        var expected = Extract(resources);

        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = resources.ToArray();
            random.Shuffle(shuffled);
            AssertSameFindings(expected, Extract(shuffled));
        }
    }

    // ImmutableArray equality is by reference: compare the contents.
    private static void AssertSameFindings(PatientFindings expected, PatientFindings actual)
    {
        Assert.Equal(expected.BirthDate, actual.BirthDate);
        Assert.Equal(expected.Exposures.ToArray(), actual.Exposures.ToArray());
        Assert.Equal(expected.Ice.ToArray(), actual.Ice.ToArray());
        Assert.Equal(expected.Seizures.ToArray(), actual.Seizures.ToArray());
        Assert.Equal(expected.CrsDiagnoses.ToArray(), actual.CrsDiagnoses.ToArray());
        Assert.Equal(expected.PriorIcansGrades.ToArray(), actual.PriorIcansGrades.ToArray());
    }
}
