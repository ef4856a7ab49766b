using Json = System.Text.Json.Nodes.JsonNode;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Profiles;

/// <summary>
/// The interface check between fhir-profiles/ and the data contract (docs: data-contract.md): the code lists are
/// hard-coded here on purpose, so changing a code in the artifacts without changing the contract fails.
/// </summary>
public sealed class TerminologyContractTests
{
    private const string Base = "http://cdshooks-icans.org/fhir";
    private const string Hcpcs = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    private const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private const string UnverifiedCode = Base + "/StructureDefinition/unverified-code";

    private static readonly string[] ObservationCodes =
    [
        "ice-total", "ice-orientation", "ice-naming", "ice-commands", "ice-writing", "ice-attention", "capd-total",
        "consciousness", "seizure", "motor", "icp-edema", "crs-grade", "icans-grade", "attributed-to-other-cause",
        "late-neurotoxicity",
    ];

    private static readonly Dictionary<string, string[]> FindingsByDomain = new()
    {
        ["consciousness"] = ["alert", "awakens-spontaneously", "awakens-to-voice", "awakens-to-tactile", "unarousable"],
        ["seizure"] = ["no-seizure", "seizure-resolved-rapidly", "nonconvulsive-seizure-resolved", "prolonged-seizure", "repetitive-seizures"],
        ["motor"] = ["no-motor-finding", "tremor", "myoclonus", "hemiparesis", "paraparesis"],
        ["icp-edema"] = ["no-edema", "focal-edema", "diffuse-edema", "posturing", "cranial-nerve-vi-palsy", "papilledema", "cushing-triad", "intracranial-hemorrhage"],
        ["late-neurotoxicity"] =
        [
            "no-late-neurotoxicity-finding", "parkinsonism", "bradykinesia", "micrographia", "gait-disturbance", "personality-change",
            "guillain-barre-syndrome", "facial-nerve-palsy", "cranial-nerve-palsy", "peripheral-neuropathy",
        ],
    };

    private static readonly Dictionary<string, string[]> ProductsByClass = new()
    {
        ["car-t"] =
        [
            "tisagenlecleucel", "axicabtagene-ciloleucel", "brexucabtagene-autoleucel", "lisocabtagene-maraleucel",
            "idecabtagene-vicleucel", "ciltacabtagene-autoleucel", "obecabtagene-autoleucel", "car-t-other",
        ],
        ["t-cell-engager"] =
        [
            "blinatumomab", "teclistamab", "talquetamab", "elranatamab", "linvoseltamab", "epcoritamab", "glofitamab",
            "mosunetuzumab", "tarlatamab", "tce-other",
        ],
    };

    public static TheoryData<string> CodeSystemFiles() =>
        [.. FhirProfilesFolder.FileNames("terminology").Where(name => name.StartsWith("CodeSystem-", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(CodeSystemFiles))]
    public void CodeSystem_EveryConcept_HasDisplayAndDefinition(string fileName)
    {
        var codeSystem = FhirProfilesFolder.Load<CodeSystem>("terminology", fileName);

        Assert.NotEmpty(codeSystem.Concept);
        Assert.All(codeSystem.Concept, concept =>
        {
            Assert.False(string.IsNullOrWhiteSpace(concept.Display), concept.Code);
            Assert.False(string.IsNullOrWhiteSpace(concept.Definition), concept.Code);
        });
        if (codeSystem.Count is { } count)
        {
            Assert.Equal(codeSystem.Concept.Count, count);
        }
    }

    [Fact]
    public void IcansObservation_Codes_EqualTheContract() =>
        Assert.Equal(ObservationCodes, CodeSystem("icans-observation").Concept.Select(concept => Code(concept.Code)));

    [Fact]
    public void IcansFinding_CodesAndDomains_EqualTheContract()
    {
        var byDomain = CodeSystem("icans-finding").Concept
            .GroupBy(concept => Property(concept, "domain")?.ToString() ?? "(none)")
            .ToDictionary(group => group.Key, group => group.Select(concept => Code(concept.Code)).ToArray());

        Assert.Equal(FindingsByDomain, byDomain);
    }

    [Fact]
    public void IecProduct_CodesAndTherapyClasses_EqualTheContract()
    {
        var products = CodeSystem("iec-product").Concept;
        var byClass = products
            .GroupBy(concept => Property(concept, "therapy-class")?.ToString() ?? "(none)")
            .ToDictionary(group => group.Key, group => group.Select(concept => Code(concept.Code)).ToArray());

        Assert.Equal(ProductsByClass, byClass);
        Assert.Equal(["axicabtagene-ciloleucel", "brexucabtagene-autoleucel"], CodesWhere(products, "high-icans-risk"));
        Assert.Equal(["idecabtagene-vicleucel", "ciltacabtagene-autoleucel"], CodesWhere(products, "late-neurotoxicity-watch"));
        Assert.All(products, concept => Assert.Equal(Code(concept.Code).EndsWith("-other", StringComparison.Ordinal), Property(concept, "target") is null));
    }

    [Fact]
    public void IcdSupplement_Grades_EqualTheContract()
    {
        var supplement = CodeSystem("icd10cm-astct-grade");
        var grades = supplement.Concept.ToDictionary(concept => Code(concept.Code), concept => (int?)(Property(concept, "astct-grade") as Integer)?.Value);

        Assert.Equal(CodeSystemContentMode.Supplement, supplement.Content);
        Assert.Equal(Icd10Cm, supplement.Supplements);
        Assert.Equal(new Dictionary<string, int?>
        {
            ["D89.831"] = 1, ["D89.832"] = 2, ["D89.833"] = 3, ["D89.834"] = 4,
            ["G92.01"] = 1, ["G92.02"] = 2, ["G92.03"] = 3, ["G92.04"] = 4, ["G92.05"] = 5,
        }, grades);
    }

    [Fact]
    public void IecTherapies_HcpcsCodes_EqualTheContractWithUnconfirmedCodesMarked()
    {
        var hcpcs = Includes("iec-therapies").Single(include => include.System == Hcpcs).Concept;

        Assert.Equal(["Q2041", "Q2053", "Q2054", "Q2055", "Q2058", "Q2042", "Q2056"], hcpcs.Select(concept => Code(concept.Code)));
        Assert.Equal(["Q2042", "Q2056"], hcpcs.Where(concept => concept.GetExtension(UnverifiedCode) is not null).Select(concept => Code(concept.Code)));
        Assert.Contains(Includes("iec-therapies"), include => include.System == $"{Base}/CodeSystem/iec-product" && include.Concept.Count == 0);
    }

    [Theory]
    [InlineData("car-t-administration", "38228 0540T XW033C3 XW043C3")]
    [InlineData("crs-conditions", "D89.831 D89.832 D89.833 D89.834 D89.839")]
    [InlineData("icans-conditions", "G92.00 G92.01 G92.02 G92.03 G92.04 G92.05")]
    [InlineData("car-t-history", "Z92.850")]
    [InlineData("tocilizumab", "612865")]
    [InlineData("anakinra", "72435")]
    [InlineData("late-neurotoxicity-conditions", "G61.0 G20.C G21.19 G21.8 G21.9 G51.0 G51.8 G51.9 G62.0 G62.9")]
    public void ValueSet_Codes_EqualTheContract(string valueSetId, string codes) =>
        Assert.Equal(codes.Split(' '), Includes(valueSetId).SelectMany(include => include.Concept).Select(concept => Code(concept.Code)));

    /// <summary>
    /// A drug ValueSet holds the contract's ingredient first, then only clinical drugs of fhir-profiles/medications whose
    /// ingredient is that drug (data contract: "and by the common clinical-drug (SCD) codes for them kept in fhir-profiles").
    /// </summary>
    [Theory]
    [InlineData("dexamethasone", "3264")]
    [InlineData("methylprednisolone", "6902")]
    [InlineData("levetiracetam", "114477")]
    [InlineData("lacosamide", "623404")]
    [InlineData("valproate", "40254")]
    [InlineData("phenytoin", "8183")]
    public void DrugValueSet_IsTheIngredientAndItsClinicalDrugs(string valueSetId, string ingredient)
    {
        var codes = Includes(valueSetId).SelectMany(include => include.Concept).Select(concept => Code(concept.Code)).ToList();
        var products = Json.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Medications, "Bundle-drug-products.json")))!["entry"]!.AsArray()
            .Select(e => e!["resource"]!)
            .Where(m => (string)m["ingredient"]![0]!["itemCodeableConcept"]!["coding"]![0]!["code"]! == ingredient)
            .Select(m => (string)m["code"]!["coding"]![0]!["code"]!)
            .ToHashSet();

        Assert.Equal(ingredient, codes[0]);
        Assert.NotEmpty(products);
        Assert.All(codes.Skip(1).Where(c => c != "72236"), c => Assert.Contains(c, products));
        Assert.Superset(products, codes.ToHashSet());
    }

    [Theory]
    [InlineData("dexamethasone", RxNorm)]
    [InlineData("tocilizumab", RxNorm)]
    [InlineData("crs-conditions", Icd10Cm)]
    public void ValueSet_System_IsTheContractsSystem(string valueSetId, string system) =>
        Assert.Equal(system, Assert.Single(Includes(valueSetId)).System);

    [Fact]
    public void IecProductCodes_ConceptMap_MapsEveryHcpcsCodeOfIecTherapies()
    {
        var group = Assert.Single(FhirProfilesFolder.Load<ConceptMap>("terminology", "ConceptMap-iec-product-codes.json").Group);
        var map = group.Element.ToDictionary(element => Code(element.Code), element => Code(Assert.Single(element.Target).Code));
        var products = CodeSystem("iec-product").Concept.Select(concept => Code(concept.Code)).ToHashSet();

        Assert.Equal((Hcpcs, $"{Base}/CodeSystem/iec-product"), (group.Source, group.Target));
        Assert.Equal(new Dictionary<string, string>
        {
            ["Q2041"] = "axicabtagene-ciloleucel", ["Q2053"] = "brexucabtagene-autoleucel", ["Q2054"] = "lisocabtagene-maraleucel",
            ["Q2055"] = "idecabtagene-vicleucel", ["Q2058"] = "obecabtagene-autoleucel", ["Q2042"] = "tisagenlecleucel",
            ["Q2056"] = "ciltacabtagene-autoleucel",
        }, map);
        Assert.All(map.Values, product => Assert.Contains(product, products));
    }

    [Theory]
    [InlineData("consciousness")]
    [InlineData("seizure")]
    [InlineData("motor")]
    [InlineData("icp-edema")]
    [InlineData("late-neurotoxicity")]
    public void DomainFindingValueSet_Codes_AreTheDomainsFindings(string domain) =>
        Assert.Equal(FindingsByDomain[domain], Assert.Single(Includes($"{domain}-findings")).Concept.Select(concept => Code(concept.Code)));

    [Fact]
    public void LateNeurotoxicityConditions_AreMarkedUnverified_AndMapEachOntoOneLateFinding()
    {
        var codes = Includes("late-neurotoxicity-conditions").Single(include => include.System == Icd10Cm).Concept;
        var group = Assert.Single(FhirProfilesFolder.Load<ConceptMap>("terminology", "ConceptMap-late-neurotoxicity-conditions.json").Group);
        var map = group.Element.ToDictionary(element => Code(element.Code), element => Code(Assert.Single(element.Target).Code));

        // Not yet checked against the CMS file: each says so until it is.
        Assert.All(codes, concept => Assert.NotNull(concept.GetExtension(UnverifiedCode)));
        Assert.Equal((Icd10Cm, $"{Base}/CodeSystem/icans-finding"), (group.Source, group.Target));
        Assert.Equal(codes.Select(concept => Code(concept.Code)), map.Keys);
        Assert.All(map.Values, finding => Assert.Contains(finding, FindingsByDomain["late-neurotoxicity"].Skip(1)));
        // A cranial nerve VI palsy is the ICANS grade-4 sign: no late diagnosis may stand for it.
        Assert.DoesNotContain(codes, concept => Code(concept.Code).StartsWith("H49.2", StringComparison.Ordinal));
    }

    private static CodeSystem CodeSystem(string id) => FhirProfilesFolder.Load<CodeSystem>("terminology", $"CodeSystem-{id}.json");

    private static List<ValueSet.ConceptSetComponent> Includes(string valueSetId) =>
        FhirProfilesFolder.Load<ValueSet>("terminology", $"ValueSet-{valueSetId}.json").Compose?.Include ?? [];

    private static string Code(string? code) => code ?? throw new InvalidDataException("A concept without a code.");

    private static DataType? Property(CodeSystem.ConceptDefinitionComponent concept, string code) =>
        concept.Property.SingleOrDefault(property => property.Code == code)?.Value;

    private static IEnumerable<string> CodesWhere(IEnumerable<CodeSystem.ConceptDefinitionComponent> concepts, string booleanProperty) =>
        concepts.Where(concept => Property(concept, booleanProperty) is FhirBoolean { Value: true }).Select(concept => Code(concept.Code));
}
