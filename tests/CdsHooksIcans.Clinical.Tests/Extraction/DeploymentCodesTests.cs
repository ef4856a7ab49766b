using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Clinical.Tests.Terminology;
using CdsHooksIcans.Grading.Model;
using static CdsHooksIcans.Clinical.Tests.Extraction.Fhir;

namespace CdsHooksIcans.Clinical.Tests.Extraction;

/// <summary>A deployment folder after the shipped one adds local flowsheet and pharmacy codes without a rebuild.</summary>
public sealed class DeploymentCodesTests : IDisposable
{
    private const string Flowsheet = "http://hospital.example.org/fhir/flowsheet-row";
    private const string Pharmacy = "http://hospital.example.org/fhir/pharmacy-item";

    private readonly TempTerminology _deployment = TempTerminology.Empty();

    public void Dispose() => _deployment.Dispose();

    [Fact]
    public void Extract_LocalCodesMappedByConceptMap_ReadAsOurs()
    {
        _deployment.Write("ConceptMap-local-observations.json", LocalMap("local-observations", Flowsheet, IcansCanonicals.IcansObservationSystem, ("3041", "ice-total"), ("3050", "consciousness")));
        _deployment.Write("ConceptMap-local-findings.json", LocalMap("local-findings", Flowsheet, IcansCanonicals.IcansFindingSystem, ("5", "unarousable")));
        var extractor = new FindingsExtractor(Load());

        var ice = Score("o1", "ice-total", 4);
        ice.Code = Code(Flowsheet, "3041");
        var consciousness = Finding("o2", "consciousness", "alert");
        consciousness.Code = Code(Flowsheet, "3050");
        consciousness.Value = Code(Flowsheet, "5");

        var findings = extractor.Extract(PatientId, [ice, consciousness]);

        Assert.Equal(4, Assert.Single(findings.Ice).Value);
        Assert.Equal(ConsciousnessLevel.Unarousable, Assert.Single(findings.Consciousness).Value);
    }

    [Fact]
    public void Load_WithoutTheDeploymentFolder_LocalCodesMeanNothing()
    {
        var ice = Score("o1", "ice-total", 4);
        ice.Code = Code(Flowsheet, "3041");
        Assert.Empty(new FindingsExtractor(IcansTerminology.Load([TerminologyFixture.TerminologyFolder])).Extract(PatientId, [ice]).Ice);
    }

    [Fact]
    public void ResolveProduct_LocalPharmacyCodes_MappedOrAddedToIecTherapies()
    {
        _deployment.Write("ConceptMap-local-products.json", LocalMap("local-products", Pharmacy, IcansCanonicals.IecProductSystem, ("77001", "epcoritamab")));
        _deployment.Write("ValueSet-iec-therapies.json", $$"""
            { "resourceType": "ValueSet", "url": "{{IcansCanonicals.IecTherapies}}", "status": "active",
              "compose": { "include": [ { "system": "{{Pharmacy}}", "concept": [ { "code": "77002" } ] } ] } }
            """);
        var terminology = Load();

        Assert.Equal("epcoritamab", terminology.ResolveProduct(Code(Pharmacy, "77001"))!.Code);
        Assert.Equal("car-t-other", terminology.ResolveProduct(Code(Pharmacy, "77002"))!.Code);
        Assert.True(terminology.Contains(IcansCanonicals.IecTherapies, Code(Hcpcs, "Q2041")));
    }

    [Fact]
    public void Load_LocalMapToACodeWeDoNotHave_NamesFileAndField()
    {
        _deployment.Write("ConceptMap-local-findings.json", LocalMap("local-findings", Flowsheet, IcansCanonicals.IcansFindingSystem, ("5", "comatose")));
        var error = Assert.Throws<TerminologyException>(Load);
        Assert.EndsWith("ConceptMap-local-findings.json", error.File, StringComparison.Ordinal);
        Assert.Equal("ConceptMap.group[0].element[0].target[0].code", error.Field);
    }

    private IcansTerminology Load() => IcansTerminology.Load([TerminologyFixture.TerminologyFolder, _deployment.Folder]);

    private static string LocalMap(string id, string source, string target, params (string Local, string Ours)[] codes) => $$"""
        { "resourceType": "ConceptMap", "id": "{{id}}", "url": "http://hospital.example.org/fhir/ConceptMap/{{id}}", "status": "active",
          "group": [ { "source": "{{source}}", "target": "{{target}}", "element": [
            {{string.Join(",", codes.Select(c => $$"""{ "code": "{{c.Local}}", "target": [ { "code": "{{c.Ours}}", "equivalence": "equivalent" } ] }"""))}}
          ] } ] }
        """;
}
