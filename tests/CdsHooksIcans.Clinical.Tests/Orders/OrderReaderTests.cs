using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Orders;

public sealed class OrderReaderTests
{
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static readonly OrderReader Reader = RepositoryPaths.OrderReader(IcansTerminology.Load([RepositoryPaths.Terminology]));

    private static MedicationRequest Request(CodeableConcept medication, Quantity? dose, Timing? timing) => new()
    {
        Id = "r1",
        Status = MedicationRequest.MedicationrequestStatus.Draft,
        Intent = MedicationRequest.MedicationRequestIntent.Order,
        Medication = medication,
        DosageInstruction = [new Dosage
        {
            Timing = timing,
            Route = new CodeableConcept { Text = "IV" },
            DoseAndRate = dose is null ? [] : [new Dosage.DoseAndRateComponent { Dose = dose }],
        }],
    };

    private static Timing Every(int period, Timing.UnitsOfTime unit) => new() { Repeat = new Timing.RepeatComponent { Frequency = 1, Period = period, PeriodUnit = unit } };

    [Fact]
    public void Read_CodedDexamethasoneEverySixHours_IsFortyMgPerDay()
    {
        var order = Reader.Read(Request(new CodeableConcept(RxNorm, "3264"), new Quantity(10, "mg"), Every(6, Timing.UnitsOfTime.H)), isDraft: true)!;

        Assert.Equal(IcansDrug.Dexamethasone, order.Drug);
        Assert.False(order.RecognisedByNameOnly);
        Assert.Equal(40m, order.MgPerDay);
        Assert.Equal("IV", order.Route);
        Assert.Equal("MedicationRequest/r1", order.Reference);
    }

    [Fact]
    public void Read_GramsAreConvertedToMg()
    {
        var order = Reader.Read(Request(new CodeableConcept(RxNorm, "6902"), new Quantity(1, "g"), Every(1, Timing.UnitsOfTime.D)), isDraft: true)!;

        Assert.Equal(1000m, order.MgPerDose);
        Assert.Equal(1m, order.DosesPerDay);
    }

    [Fact]
    public void Read_SingleDoseAndTimingCodes_GiveDosesPerDay()
    {
        Assert.Equal(1m, OrderReader.DosesPerDay(new Timing { Repeat = new Timing.RepeatComponent { Count = 1 } }));
        Assert.Equal(2m, OrderReader.DosesPerDay(new Timing { Code = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation", "BID") }));
        Assert.Equal(3m, OrderReader.DosesPerDay(new Timing { Repeat = new Timing.RepeatComponent { Frequency = 3, Period = 1, PeriodUnit = Timing.UnitsOfTime.D } }));
        Assert.Null(OrderReader.DosesPerDay(new Timing()));
    }

    [Fact]
    public void Read_NameOnly_IsRecognisedAndAdmitsIt()
    {
        var order = Reader.Read(Request(new CodeableConcept { Text = "Tocilizumab 560 mg IV" }, null, null), isDraft: true)!;

        Assert.Equal(IcansDrug.Tocilizumab, order.Drug);
        Assert.True(order.RecognisedByNameOnly);
        Assert.Null(order.MgPerDay);
    }

    [Fact]
    public void Read_UnrelatedDrug_IsNull()
    {
        Assert.Null(Reader.Read(Request(new CodeableConcept { Text = "Ondansetron 8 mg IV" }, new Quantity(8, "mg"), Every(8, Timing.UnitsOfTime.H)), isDraft: true));
    }

    [Fact]
    public void Dosing_RealFile_LoadsAndEachGradeMeetsItsOwnMinimum()
    {
        var dosing = CorticosteroidDosing.Load(RepositoryPaths.Cards, Reader);

        Assert.Equal([1, 2, 3, 4], dosing.Policy.Grades.Select(g => g.Grade));
        Assert.Equal(IcansDrug.Methylprednisolone, dosing.Policy.For(4)!.Regimen.Drug);
        Assert.Equal(1000m, dosing.Policy.For(4)!.Regimen.MgPerDay);
        Assert.Equal(40m, dosing.Policy.For(3)!.Regimen.MgPerDay);
        Assert.True(dosing.Policy.For(1)!.HighRiskProductsOnly);
    }

    [Fact]
    public void Dosing_Corrected_KeepsTheDraftIdAndReplacesDrugAndDose()
    {
        var dosing = CorticosteroidDosing.Load(RepositoryPaths.Cards, Reader);
        var draft = Request(new CodeableConcept(RxNorm, "3264"), new Quantity(10, "mg"), Every(6, Timing.UnitsOfTime.H));
        draft.Subject = new ResourceReference("Patient/p1");

        var corrected = dosing.Corrected(4, draft);

        Assert.Equal("r1", corrected.Id);
        Assert.Equal("Patient/p1", corrected.Subject.Reference);
        Assert.Equal(1000m, Reader.Read(corrected, isDraft: true)!.MgPerDay);
        Assert.Equal(IcansDrug.Dexamethasone, Reader.Read(draft, isDraft: true)!.Drug);
    }
}
