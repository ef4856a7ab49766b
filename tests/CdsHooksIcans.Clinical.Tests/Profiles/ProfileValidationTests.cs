using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Profiles;

public sealed class ProfileValidationTests(ProfileValidatorFixture validator) : IClassFixture<ProfileValidatorFixture>
{
    private const string Base = "http://cdshooks-icans.org/fhir";

    public static TheoryData<string, string> ConformanceFiles() => FilesOf("terminology", "profiles");

    public static TheoryData<string, string> ExampleFiles() => FilesOf("examples");

    public static TheoryData<string> ScenarioFiles() => [.. FhirProfilesFolder.FileNames("scenarios")];

    [Theory]
    [MemberData(nameof(ConformanceFiles))]
    public void ConformanceResource_AgainstCore_HasNoErrors(string folder, string fileName)
    {
        var resource = FhirProfilesFolder.Load(folder, fileName);

        AssertValid(validator.Validate(resource), fileName);
    }

    [Theory]
    [MemberData(nameof(ConformanceFiles))]
    public void ConformanceResource_FileNameAndUrl_FollowConventions(string folder, string fileName)
    {
        var resource = (IVersionableConformanceResource)FhirProfilesFolder.Load(folder, fileName);
        var type = ((Resource)resource).TypeName;
        var id = ((Resource)resource).Id;

        Assert.Equal($"{type}-{id}.json", fileName);
        Assert.Equal($"{Base}/{type}/{id}", resource.Url);
        Assert.Equal("2.0.0", resource.Version);
        Assert.Equal(PublicationStatus.Active, resource.Status);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_AgainstItsProfile_HasNoErrors(string folder, string fileName)
    {
        var example = FhirProfilesFolder.Load(folder, fileName);

        var profile = Assert.Single(Profiles(example));
        Assert.StartsWith($"{Base}/StructureDefinition/", profile, StringComparison.Ordinal);
        AssertValid(validator.Validate(example, profile), fileName);
    }

    [Fact]
    public void Examples_CoverEveryResourceProfile()
    {
        var profiled = FhirProfilesFolder.FileNames("examples")
            .SelectMany(name => Profiles(FhirProfilesFolder.Load("examples", name))).ToHashSet();
        var resourceProfiles = FhirProfilesFolder.FileNames("profiles")
            .Select(name => FhirProfilesFolder.Load<StructureDefinition>("profiles", name))
            .Where(definition => definition.Kind == StructureDefinition.StructureDefinitionKind.Resource)
            .Select(definition => definition.Url).OfType<string>();

        Assert.All(resourceProfiles, url => Assert.Contains(url, profiled));
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Scenario_EveryEntry_ValidatesAgainstItsProfile(string fileName)
    {
        var bundle = FhirProfilesFolder.Load<Bundle>("scenarios", fileName);
        var scenario = fileName["Bundle-scenario-".Length..^".json".Length];

        Assert.Equal(Bundle.BundleType.Transaction, bundle.Type);
        Assert.All(bundle.Entry, entry =>
        {
            Assert.StartsWith("urn:uuid:", entry.FullUrl, StringComparison.Ordinal);
            var resource = entry.Resource ?? throw new InvalidDataException($"{fileName}: entry {entry.FullUrl} has no resource");
            Assert.StartsWith(scenario + "-", resource.Id, StringComparison.Ordinal);
            Assert.Equal(Bundle.HTTPVerb.PUT, entry.Request?.Method);
            Assert.Equal($"{resource.TypeName}/{resource.Id}", entry.Request?.Url);
            AssertValid(validator.Validate(resource), $"{fileName} {resource.TypeName}/{resource.Id}");
        });
    }

    [Fact]
    public void Scenarios_EachHasAServiceExpectation()
    {
        var expectationsFile = Path.Combine(FhirProfilesFolder.Root, "..", "tests", "CdsHooksIcans.Service.Tests", "Scenarios", "expectations.json");
        using var expectations = System.Text.Json.JsonDocument.Parse(File.ReadAllText(expectationsFile));

        Assert.Equal(FhirProfilesFolder.FileNames("scenarios"), expectations.RootElement.EnumerateObject().Select(scenario => scenario.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ice_TotalAboveTen_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice =>
        {
            ice.Component.Clear();
            ice.Value = new Integer(11);
        }), "larger than 10");

    [Fact]
    public void Ice_TotalNotTheSumOfItsItems_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice => ice.Value = new Integer(((Integer)ice.Value!).Value - 1)), "icans-ice-2");

    [Fact]
    public void Ice_ItemAboveItsRange_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice => Item(ice, "ice-naming").Value = new Integer(4)), "larger than 3");

    [Fact]
    public void Ice_NeitherValueNorDataAbsentReason_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice =>
        {
            ice.Component.Clear();
            ice.Value = null;
        }), "icans-ice-1");

    [Fact]
    public void IceItem_NamingFour_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice-item", item =>
        {
            item.Code.Coding[0].Code = "ice-naming";
            item.Value = new Integer(4);
        }), "icans-ice-item-2");

    [Fact]
    public void Consciousness_ValueFromSeizureValueSet_IsRejected() =>
        AssertRejected(Example<Observation>("icans-consciousness", finding =>
            finding.Value = new CodeableConcept($"{Base}/CodeSystem/icans-finding", "no-seizure")), "ValueSet/consciousness-findings");

    [Fact]
    public void Consciousness_WrongObservationCode_IsRejected() =>
        AssertRejected(Example<Observation>("icans-consciousness", finding => finding.Code.Coding[0].Code = "seizure"), "does not match pattern");

    [Fact]
    public void Seizure_WithoutSubject_IsRejected() =>
        AssertRejected(Example<Observation>("icans-seizure", finding => finding.Subject = null), "'subject'");

    [Fact]
    public void Seizure_SnomedCodeInsteadOfFinding_IsRejected() =>
        AssertRejected(Example<Observation>("icans-seizure", finding =>
            finding.Value = new CodeableConcept("http://snomed.info/sct", "91175000", "Seizure")), "ValueSet/seizure-findings");

    [Fact]
    public void Motor_AttributionNotBoolean_IsRejected() =>
        AssertRejected(Example<Observation>("icans-motor", finding => Item(finding, "attributed-to-other-cause").Value = new FhirString("yes")), "attributedToOtherCause");

    [Fact]
    public void CrsGrade_Five_IsRejected() =>
        AssertRejected(Example<Observation>("icans-crs-grade", grade => grade.Value = new Integer(5)), "larger than 4");

    [Fact]
    public void IcansGrade_WithoutEffectiveTime_IsRejected() =>
        AssertRejected(Example<Observation>("icans-icans-grade", grade => grade.Effective = null), "'effective");

    [Fact]
    public void Infusion_NonIecMedication_IsRejected() =>
        AssertRejected(Example<MedicationAdministration>("iec-infusion", infusion =>
            infusion.Medication = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "3264", "dexamethasone")), "ValueSet/iec-therapies");

    [Fact]
    public void CarTProcedure_NonCarTCode_IsRejected() =>
        AssertRejected(Example<Procedure>("car-t-administration-procedure", procedure =>
            procedure.Code = new CodeableConcept("http://www.ama-assn.org/go/cpt", "38225")), "ValueSet/car-t-administration");

    [Fact]
    public void CarTProcedure_WithoutPerformedTime_IsRejected() =>
        AssertRejected(Example<Procedure>("car-t-administration-procedure", procedure => procedure.Performed = null), "'performed");

    private static TheoryData<string, string> FilesOf(params string[] folders)
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in folders)
        {
            foreach (var name in FhirProfilesFolder.FileNames(folder))
            {
                data.Add(folder, name);
            }
        }

        return data;
    }

    private static IEnumerable<string> Profiles(Resource resource) => resource.Meta?.Profile.OfType<string>() ?? [];

    /// <summary>The main valid example of a profile (<c>{profile}-example</c>; others show variants), broken by <paramref name="breakIt"/>.</summary>
    private static T Example<T>(string profileId, Action<T> breakIt) where T : Resource
    {
        var example = FhirProfilesFolder.FileNames("examples")
            .Select(name => FhirProfilesFolder.Load("examples", name))
            .OfType<T>()
            .Single(resource => resource.Id == profileId + "-example" && Profiles(resource).Contains($"{Base}/StructureDefinition/{profileId}"));
        breakIt(example);
        return example;
    }

    private static void AssertValid(OperationOutcome outcome, string what)
    {
        var errors = outcome.Errors();
        Assert.True(errors.Count == 0, $"{what}:{Environment.NewLine}{errors.Describe()}");
    }

    private static Observation.ComponentComponent Item(Observation observation, string code) =>
        observation.Component.Single(component => component.Code.Coding.Any(coding => coding.Code == code));

    /// <summary>The broken resource fails validation, for the expected reason (a constraint key or a message fragment).</summary>
    private void AssertRejected(Resource broken, string expectedReason)
    {
        var errors = validator.Validate(broken).Errors();

        Assert.True(errors.Any(error => (error.Details?.Text ?? error.Diagnostics ?? "").Contains(expectedReason, StringComparison.Ordinal)),
            $"Expected an error mentioning '{expectedReason}', got:{Environment.NewLine}{errors.Describe()}");
    }
}
