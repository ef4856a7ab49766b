using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;
using static CdsHooksIcans.Clinical.Tests.Extraction.Fhir;

namespace CdsHooksIcans.Clinical.Tests.Terminology;

public sealed class IcansTerminologyTests(TerminologyFixture fixture) : IClassFixture<TerminologyFixture>
{
    private readonly IcansTerminology _terminology = fixture.Terminology;

    [Theory]
    [InlineData("ice-total", ObservationKind.IceTotal)]
    [InlineData("ice-attention", ObservationKind.IceAttention)]
    [InlineData("capd-total", ObservationKind.CapdTotal)]
    [InlineData("icp-edema", ObservationKind.IcpEdema)]
    [InlineData("attributed-to-other-cause", ObservationKind.AttributedToOtherCause)]
    internal void ObservationKindOf_OwnCode_IsBoundByKebabName(string code, ObservationKind expected) =>
        Assert.Equal(expected, _terminology.ObservationKindOf(Code(ObservationSystem, code)));

    [Fact]
    public void ObservationKindOf_UnknownCode_IsNull() =>
        Assert.Null(_terminology.ObservationKindOf(Code(ObservationSystem, "ice-score")));

    [Fact]
    public void TryGetFinding_CodeOfItsDomain_GivesTheMember()
    {
        Assert.True(_terminology.TryGetFinding<IcpEdemaFinding>(Code(FindingSystem, "cranial-nerve-vi-palsy"), out var finding));
        Assert.Equal(IcpEdemaFinding.CranialNerveViPalsy, finding);
        Assert.True(_terminology.TryGetFinding<SeizureFinding>(Code(FindingSystem, "nonconvulsive-seizure-resolved"), out var seizure));
        Assert.Equal(SeizureFinding.NonconvulsiveSeizureResolved, seizure);
    }

    [Fact]
    public void TryGetFinding_CodeOfAnotherDomain_IsFalse() =>
        Assert.False(_terminology.TryGetFinding<ConsciousnessLevel>(Code(FindingSystem, "prolonged-seizure"), out _));

    [Fact]
    public void ResolveProduct_ProductCode_ReadsItsProperties()
    {
        var axiCel = _terminology.ResolveProduct(Code(ProductSystem, "axicabtagene-ciloleucel"))!;
        Assert.Equal(TherapyClass.CarT, axiCel.Class);
        Assert.True(axiCel.HighIcansRisk);
        Assert.False(axiCel.LateNeurotoxicityWatch);

        var ciltaCel = _terminology.ResolveProduct(Code(ProductSystem, "ciltacabtagene-autoleucel"))!;
        Assert.True(ciltaCel.LateNeurotoxicityWatch);

        Assert.Equal(TherapyClass.TCellEngager, _terminology.ResolveProduct(Code(ProductSystem, "teclistamab"))!.Class);
    }

    [Fact]
    public void ResolveProduct_HcpcsCode_MapsThroughTheConceptMap() =>
        Assert.Equal("idecabtagene-vicleucel", _terminology.ResolveProduct(Code(Hcpcs, "Q2055"))!.Code);

    [Fact]
    public void ResolveProduct_NotATherapy_IsNull() =>
        Assert.Null(_terminology.ResolveProduct(Code(Hcpcs, "J9999")));

    [Fact]
    public void UnknownProduct_EachClass_IsItsOtherCode()
    {
        Assert.Equal("car-t-other", _terminology.UnknownProduct(TherapyClass.CarT).Code);
        Assert.Equal("tce-other", _terminology.UnknownProduct(TherapyClass.TCellEngager).Code);
    }

    [Theory]
    [InlineData("D89.832", 2)]
    [InlineData("D89.834", 4)]
    [InlineData("G92.01", 1)]
    [InlineData("G92.05", 5)]
    [InlineData("D89.839", null)]
    [InlineData("G92.00", null)]
    public void AstctGrade_Icd10Code_ComesFromTheSupplement(string code, int? grade) =>
        Assert.Equal(grade, _terminology.AstctGrade(Code(Icd10Cm, code)));

    [Fact]
    public void Contains_UnionValueSet_HasTheCodesOfItsParts()
    {
        var dexamethasone = _terminology.Expand("dexamethasone");
        Assert.NotEmpty(dexamethasone);
        Assert.All(dexamethasone, coding => Assert.True(_terminology.Contains(IcansCanonicals.Corticosteroids, coding)));
    }

    [Fact]
    public void Expand_WholeSystemInclude_HasEveryConcept()
    {
        var observations = _terminology.Expand(IcansCanonicals.IcansObservations);
        Assert.Equal(Enum.GetValues<ObservationKind>().Length, observations.Count);
        Assert.Equal(observations.Select(c => c.Code), _terminology.Expand("icans-observations").Select(c => c.Code));
    }

    [Fact]
    public void Contains_IecTherapies_HasProductsAndHcpcsButNotCpt()
    {
        Assert.True(_terminology.Contains(IcansCanonicals.IecTherapies, Code(ProductSystem, "blinatumomab")));
        Assert.True(_terminology.Contains(IcansCanonicals.IecTherapies, Code(Hcpcs, "Q2041")));
        Assert.False(_terminology.Contains(IcansCanonicals.IecTherapies, Code(Cpt, "38228")));
        Assert.False(_terminology.Contains(IcansCanonicals.IecTherapies, (CodeableConcept?)null));
    }

    [Fact]
    public void Contains_UnknownValueSet_Throws() =>
        Assert.Throws<ArgumentException>(() => _terminology.Contains("no-such-value-set", Code(Hcpcs, "Q2041")));

    [Fact]
    public void Products_EveryProductCode_IsListedOnce() =>
        Assert.Equal(_terminology.Products.Select(p => p.Code).Distinct().Count(), _terminology.Products.Length);
}
