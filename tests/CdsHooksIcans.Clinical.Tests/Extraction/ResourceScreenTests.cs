using System.Text.Json;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Tests.Terminology;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static CdsHooksIcans.Clinical.Tests.Extraction.Fhir;

namespace CdsHooksIcans.Clinical.Tests.Extraction;

public sealed class ResourceScreenTests(TerminologyFixture fixture) : IClassFixture<TerminologyFixture>
{
    private static readonly JsonSerializerOptions FhirOptions = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly DateTimeOffset Since = Now.AddHours(-24);

    private readonly ResourceScreen _screen = new(fixture.Terminology);

    private bool Keeps(Resource resource, DateTimeOffset? since = null)
        => _screen.MayContribute(JsonSerializer.SerializeToElement(resource, FhirOptions), since ?? Since);

    private bool Keeps(string json) => _screen.MayContribute(JsonDocument.Parse(json).RootElement, Since);

    [Fact]
    public void Infusion_OfAnIecProduct_IsKept()
        => Assert.True(Keeps(Infusion("m1", Code(ProductSystem, "axicabtagene-ciloleucel"), Now.AddDays(-400))));

    [Fact]
    public void Infusion_OfAnotherDrug_IsDropped()
        => Assert.False(Keeps(Infusion("m1", Code("http://www.nlm.nih.gov/research/umls/rxnorm", "1665005"), Now)));

    [Fact]
    public void Infusion_ByMedicationReference_IsKept_ForTheExtractorToResolve()
    {
        var infusion = Infusion("m1", Code(ProductSystem, "axicabtagene-ciloleucel"), Now);
        infusion.Medication = new ResourceReference("Medication/med-1");
        Assert.True(Keeps(infusion));
    }

    [Fact]
    public void CarTProcedure_IsKept_AndAnotherProcedureDropped()
    {
        Assert.True(Keeps(CarTProcedure("pr1", Now)));
        var other = CarTProcedure("pr2", Now);
        other.Code = Code(Cpt, "36556");
        Assert.False(Keeps(other));
    }

    [Theory]
    [InlineData("D89.832", true)] // CRS
    [InlineData("G92.02", true)] // ICANS
    [InlineData("Z92.850", true)] // CAR-T history
    [InlineData("J18.9", false)] // pneumonia
    public void Condition_IsKept_OnlyWhenTheRulesKnowItsCode(string icd10, bool kept)
        => Assert.Equal(kept, Keeps(Condition("c1", icd10, onset: Now.AddDays(-300))));

    [Fact]
    public void Observation_OfAGradedDomain_IsKept_InsideTheWindow_AndDropped_BeforeIt()
    {
        Assert.True(Keeps(Score("o1", "ice-total", 6, Since)));
        Assert.True(Keeps(Score("o2", "ice-total", 6, Now.AddHours(2))));
        Assert.False(Keeps(Score("o3", "ice-total", 6, Since.AddSeconds(-1))));
        Assert.False(Keeps(Finding("o4", "seizure", "seizure-generalized-convulsive", Now.AddDays(-3))));
    }

    [Fact]
    public void Observation_OfAGradedDomain_IsKept_WhateverItsTime_WhenNoWindowIsGiven()
        => Assert.True(_screen.MayContribute(JsonSerializer.SerializeToElement(Score("o1", "ice-total", 6, Now.AddDays(-30)), FhirOptions)));

    [Fact]
    public void PriorIcansGrade_IsKept_WhateverItsAge()
        => Assert.True(Keeps(Score("o1", "icans-grade", 3, Now.AddDays(-60))));

    [Fact]
    public void Observation_WithAnUnknownCode_IsDropped()
    {
        var heartRate = Observation("o1", "unknown", new Quantity(80, "/min"));
        heartRate.Code = Code("http://loinc.org", "8867-4");
        Assert.False(Keeps(heartRate));
    }

    [Fact]
    public void Observation_FirstKnownCodingDecidesTheKind_AsInTheExtractor()
    {
        // A prior-grade coding listed first makes an old observation a prior grade, which is kept whatever its age.
        var observation = Score("o1", "icans-grade", 2, Now.AddDays(-10));
        observation.Code.Coding.Add(new Coding(ObservationSystem, "ice-total"));
        Assert.True(Keeps(observation));
        observation.Code.Coding.Reverse();
        Assert.False(Keeps(observation));
    }

    [Theory]
    [InlineData("\"effectiveDateTime\": \"2026-01-10\"")] // a partial date: the SDK reads it, the screen does not
    [InlineData("\"effectiveDateTime\": 20260110")] // wrong JSON type
    [InlineData("\"effectivePeriod\": {\"end\": \"2026-01\"}")]
    [InlineData("\"effectiveDateTime\": \"2026-01-10T10:00:00Z\", \"effectiveInstant\": \"2026-01-10T10:00:00Z\"")] // two choices
    [InlineData("\"status\": \"final\"")] // no time at all: the extractor decides
    public void Observation_WhoseTimeTheScreenCannotReadExactly_IsKept(string time)
        => Assert.True(Keeps($$"""
            {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"{{ObservationSystem}}","code":"ice-total"}]},{{time}}}
            """));

    [Theory]
    [InlineData("\"effectivePeriod\": {\"start\": \"2026-01-15T08:00:00Z\", \"end\": \"2026-01-10T10:00:00Z\"}")]
    [InlineData("\"effectivePeriod\": {\"start\": \"2026-01-15T08:00:00Z\"}, \"issued\": \"2026-01-10T10:00:00Z\"")] // no end: issued
    [InlineData("\"effectiveInstant\": \"2026-01-10T10:00:00.123Z\"")]
    [InlineData("\"effectiveTiming\": {\"event\": [\"2026-01-15T08:00:00Z\"]}, \"issued\": \"2026-01-10T10:00:00+02:00\"")]
    public void Observation_TimedLikeTheExtractor_BeforeTheWindow_IsDropped(string time)
        => Assert.False(Keeps($$"""
            {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"{{ObservationSystem}}","code":"ice-total"}]},{{time}}}
            """));

    [Theory]
    [InlineData("\"code\": \"ice-total\"")] // a concept as a string
    [InlineData("\"code\": {\"coding\": \"ice-total\"}")]
    [InlineData("\"code\": {\"coding\": [{\"system\": 1, \"code\": \"x\"}]}")]
    [InlineData("\"code\": {\"coding\": [\"x\"]}")]
    public void Resource_WithCodesOfTheWrongShape_IsKept_ForTheParserToJudge(string code)
        => Assert.True(Keeps($$"""{"resourceType":"Condition",{{code}}}"""));

    [Theory]
    [InlineData("""{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"D89.832"}]},"code":{"text":"pneumonia"}}""")]
    [InlineData("""{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18.9","code":"D89.832"}]}}""")]
    [InlineData("""{"resourceType":"Condition","resourceType":"Encounter"}""")]
    [InlineData("""{"resourceType":"Observation","code":{"coding":[{"system":"http://cdshooks-icans.org/fhir/CodeSystem/icans-observation","code":"ice-total"}]},"effectiveDateTime":"2026-01-01T00:00:00Z","effectiveDateTime":"2026-01-15T11:00:00Z"}""")]
    public void Resource_RepeatingAPropertyTheScreenReads_IsKept_ForTheParserToDecide(string json) => Assert.True(Keeps(json));

    [Theory]
    [InlineData("""{"resourceType":"Condition","c\u006fde":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18.9"}]}}""")]
    [InlineData("""{"resourceType":"Condition","code":{"c\u006fding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18.9"}]}}""")]
    [InlineData("""{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","c\u006fde":"J18.9"}]}}""")]
    public void Resource_WithEscapedPropertyNames_IsKept_ForTheParserToDecode(string json) => Assert.True(Keeps(json));

    [Fact]
    public void SingleCodingWhereAListBelongs_IsScreenedAsAListOfOne()
    {
        Assert.True(Keeps("""{"resourceType":"Condition","code":{"coding":{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"D89.832"}}}"""));
        Assert.False(Keeps("""{"resourceType":"Condition","code":{"coding":{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18.9"}}}"""));
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p1"}""", true)]
    [InlineData("""{"resourceType":"Medication","id":"med-1"}""", true)]
    [InlineData("""{"resourceType":"MedicationRequest","medicationCodeableConcept":{"text":"dexamethasone"}}""", true)] // read by name too
    [InlineData("""{"resourceType":"Encounter","id":"e1"}""", false)]
    [InlineData("""{"resourceType":"MedicationOrder","id":"dstu2"}""", false)] // not R4: the parser would not read it either
    [InlineData("""{"resourceType":"Condition","id":"no-code"}""", false)]
    [InlineData("""{"id":"no-type"}""", true)]
    [InlineData("""{"resourceType":42}""", true)]
    [InlineData("""[1, 2]""", true)]
    public void ResourceType_DecidesFirst(string json, bool kept) => Assert.Equal(kept, Keeps(json));
}
