using System.Text.Json;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Clinical.Tests.Terminology;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using static CdsHooksIcans.Clinical.Tests.Extraction.Fhir;

namespace CdsHooksIcans.Clinical.Tests.Reading;

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
    [InlineData("G61.0", true)] // Guillain-Barre syndrome, a late neurotoxicity diagnosis
    [InlineData("G51.0", true)] // Bell's palsy
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
    public void LateNeurotoxicityObservation_IsKept_OverTheLateWatch_AndDropped_BeforeIt()
    {
        var lateSince = Now.AddDays(-365);
        bool KeepsLate(Resource resource) => _screen.MayContribute(JsonSerializer.SerializeToElement(resource, FhirOptions), Since, lateSince);

        Assert.True(KeepsLate(Finding("l1", "late-neurotoxicity", "parkinsonism", Now.AddDays(-40))));
        Assert.False(KeepsLate(Finding("l2", "late-neurotoxicity", "parkinsonism", lateSince.AddSeconds(-1))));
        // A tremor is a late sign: motor entries follow the late watch too, while the graded scales keep their 24 hours.
        Assert.True(KeepsLate(Finding("l3", "motor", "tremor", Now.AddDays(-40))));
        Assert.False(KeepsLate(Score("l4", "ice-total", 6, Now.AddDays(-2))));
    }

    [Fact]
    public void LateNeurotoxicityObservation_WithoutALateWatch_IsKeptWhateverItsTime_ButMotorKeepsTheAssessmentWindow()
    {
        Assert.True(Keeps(Finding("l1", "late-neurotoxicity", "micrographia", Now.AddDays(-40))));
        Assert.False(Keeps(Finding("l2", "motor", "tremor", Now.AddDays(-3))));
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

    [Theory]
    [InlineData("""{"resourceType":"Condition","code":{"coding":[{"system":"http:\/\/hl7.org\/fhir\/sid\/icd-10-cm","code":"D89.832"}]}}""", true)]
    [InlineData("""{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"D89\u002e832"}]}}""", true)]
    [InlineData("""{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18\u002e9"}]}}""", false)]
    public void EscapedCodeValue_IsReadAsTheParserReadsIt(string json, bool kept) => Assert.Equal(kept, Keeps(json));

    [Fact]
    public void CodeValue_LongerThanTheStackBuffer_IsStillLookedUp()
    {
        // Past the screen's 256-character buffer the value is read into a string; a long unknown code is still unknown.
        var longCode = new string('x', 300);
        Assert.False(Keeps(ConditionJson("http://hl7.org/fhir/sid/icd-10-cm", longCode)));
        Assert.False(Keeps(ConditionJson("http://hl7.org/fhir/sid/" + longCode, "D89.832")));
        Assert.True(Keeps(ConditionJson("http://hl7.org/fhir/sid/icd-10-cm", "D89.832")));
    }

    [Fact]
    public void ObservationTime_Escaped_IsReadAsTheParserReadsIt()
    {
        // Escaped digits in a time before the window: read exactly, so the observation is dropped as the unescaped one is.
        var before = Since.AddDays(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var escaped = "\\u003" + before[0] + before[1..];
        Assert.False(Keeps(IceTotalAt(before)));
        Assert.False(Keeps(IceTotalAt(escaped)));
        Assert.True(Keeps(IceTotalAt("\\u0032" + Since.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)[1..])));
    }

    private static string ConditionJson(string system, string code) =>
        "{\"resourceType\":\"Condition\",\"code\":{\"coding\":[{\"system\":\"" + system + "\",\"code\":\"" + code + "\"}]}}";

    private static string IceTotalAt(string effectiveDateTime) =>
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"" + ObservationSystem
        + "\",\"code\":\"ice-total\"}]},\"effectiveDateTime\":\"" + effectiveDateTime + "\"}";

    [Fact]
    public void SingleCodingWhereAListBelongs_IsScreenedAsAListOfOne()
    {
        Assert.True(Keeps("""{"resourceType":"Condition","code":{"coding":{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"D89.832"}}}"""));
        Assert.False(Keeps("""{"resourceType":"Condition","code":{"coding":{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J18.9"}}}"""));
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","id":"p1"}""", true)]
    [InlineData("""{"resourceType":"Medication","id":"med-1"}""", true)]
    [InlineData("""{"resourceType":"Encounter","id":"e1"}""", false)]
    [InlineData("""{"resourceType":"MedicationOrder","id":"dstu2"}""", false)] // not R4: the parser would not read it either
    [InlineData("""{"resourceType":"Condition","id":"no-code"}""", false)]
    [InlineData("""{"id":"no-type"}""", true)]
    [InlineData("""{"resourceType":42}""", true)]
    [InlineData("""[1, 2]""", true)]
    public void ResourceType_DecidesFirst(string json, bool kept) => Assert.Equal(kept, Keeps(json));

    [Theory]
    [InlineData("""{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"3264"}]}""", true)] // dexamethasone by code
    [InlineData("""{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"281","display":"acyclovir"}],"text":"acyclovir"}""", false)]
    [InlineData("""{"text":"DECADRON (Dexamethasone) 4 mg tablet"}""", true)] // by name, in any case
    [InlineData("""{"coding":[{"system":"urn:local","code":"77","display":"tocilizumab 8 mg/kg"}]}""", true)] // by a display
    [InlineData("""{"coding":{"system":"urn:local","code":"77","display":"levetiracetam"}}""", true)] // one coding where a list belongs
    [InlineData("""{"text":42}""", true)] // not a string: the parser decides
    [InlineData("""{"coding":[{"system":"urn:local","code":"77","display":["levetiracetam"]}]}""", true)]
    [InlineData("""{"text":"ondansetron","text":"dexamethasone"}""", true)] // repeated
    [InlineData("""{"coding":[{"system":"urn:local","code":"77"}]}""", false)]
    public void MedicationRequest_IsKept_WhenTheOrderReaderCouldRecogniseItsDrug(string medication, bool kept)
        => Assert.Equal(kept, Keeps($$"""{"resourceType":"MedicationRequest","status":"active","medicationCodeableConcept":{{medication}}}"""));

    [Theory]
    [InlineData("""{"resourceType":"MedicationRequest","medicationReference":{"reference":"#med-1"},"contained":[{"resourceType":"Medication","id":"med-1"}]}""", true)]
    [InlineData("""{"resourceType":"MedicationRequest","medicationReference":{"reference":"Medication/med-1"}}""", true)]
    [InlineData("""{"resourceType":"MedicationRequest","status":"active"}""", false)] // no drug at all: nothing to read
    public void MedicationRequest_ByReference_IsKept_AndWithoutMedicationDropped(string json, bool kept) => Assert.Equal(kept, Keeps(json));

    /// <summary>
    /// The screen never drops an order the reader recognises: many MedicationRequests built from the checks' drug codes and
    /// names and from other drugs, in mixed case and shapes, are each read by <see cref="OrderReader"/> after parsing.
    /// </summary>
    [Fact]
    public void MedicationRequest_TheReaderRecognises_IsNeverDropped()
    {
        var reader = RepositoryPaths.OrderReader(fixture.Terminology);
        var random = new Random(20261130);
        string?[] words = ["dexamethasone", "DexaMETHasone", "methylprednisolone", "tocilizumab", "Actemra", "levetiracetam", "anakinra", "acyclovir", "ondansetron 4 mg", "dexa methasone", "toci", "", null];
        (string System, string Code)[] codes = [(RxNorm, "3264"), (RxNorm, "612865"), (RxNorm, "6902"), (RxNorm, "114477"), (RxNorm, "72435"), (RxNorm, "281"), (RxNorm, "4450"), ("urn:local", "3264")];
        var (recognised, dropped) = (0, 0);
        for (var i = 0; i < 5_000; i++)
        {
            var concept = new CodeableConcept { Text = words[random.Next(words.Length)] is { Length: > 0 } text ? text : null };
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                var (system, code) = codes[random.Next(codes.Length)];
                concept.Coding.Add(new Coding(system, code, words[random.Next(words.Length)] is { Length: > 0 } display ? display : null));
            }

            var request = new MedicationRequest { Id = "mr" + i, Status = MedicationRequest.MedicationrequestStatus.Active, Medication = concept };
            var keeps = Keeps(request);
            if (reader.Read(request, isDraft: false) is not null)
            {
                recognised++;
                Assert.True(keeps, $"dropped an order the reader recognises: {JsonSerializer.Serialize(request, FhirOptions)}");
            }

            dropped += keeps ? 0 : 1;
        }

        // Both outcomes occur often enough for the property to mean something.
        Assert.InRange(recognised, 1_000, 4_500);
        Assert.InRange(dropped, 500, 4_000);
    }

    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
}
