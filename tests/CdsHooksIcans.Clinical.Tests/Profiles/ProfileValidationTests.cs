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
        Assert.Equal("1.0.0", resource.Version);
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
            .Select(definition => definition.Url);

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
    public void Ice_TotalAboveTen_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice =>
        {
            ice.Component.Clear();
            ice.Value = new Integer(11);
        }));

    [Fact]
    public void Ice_TotalNotTheSumOfItsItems_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice => ice.Value = new Integer(((Integer)ice.Value!).Value - 1)), "icans-ice-2");

    [Fact]
    public void Ice_ItemAboveItsRange_IsRejected() =>
        AssertRejected(Example<Observation>("icans-ice", ice => ice.Component.First(c => c.Code.Coding[0].Code == "ice-naming").Value = new Integer(4)));

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
            finding.Value = new CodeableConcept($"{Base}/CodeSystem/icans-finding", "no-seizure")));

    [Fact]
    public void Consciousness_WrongObservationCode_IsRejected() =>
        AssertRejected(Example<Observation>("icans-consciousness", finding => finding.Code.Coding[0].Code = "seizure"));

    [Fact]
    public void Seizure_WithoutSubject_IsRejected() =>
        AssertRejected(Example<Observation>("icans-seizure", finding => finding.Subject = null));

    [Fact]
    public void Motor_SubjectNotAPatient_IsRejected() =>
        AssertRejected(Example<Observation>("icans-motor", finding => finding.Subject = new ResourceReference("Group/ward-7")));

    [Fact]
    public void Motor_AttributionNotBoolean_IsRejected() =>
        AssertRejected(Example<Observation>("icans-motor", finding => finding.Component[0].Value = new FhirString("yes")));

    [Fact]
    public void CrsGrade_Five_IsRejected() =>
        AssertRejected(Example<Observation>("icans-crs-grade", grade => grade.Value = new Integer(5)));

    [Fact]
    public void IcansGrade_WithoutEffectiveTime_IsRejected() =>
        AssertRejected(Example<Observation>("icans-icans-grade", grade => grade.Effective = null));

    [Fact]
    public void Infusion_NonIecMedication_IsRejected() =>
        AssertRejected(Example<MedicationAdministration>("iec-infusion", infusion =>
            infusion.Medication = new CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "3264", "dexamethasone")));

    [Fact]
    public void CarTProcedure_NonCarTCode_IsRejected() =>
        AssertRejected(Example<Procedure>("car-t-administration-procedure", procedure =>
            procedure.Code = new CodeableConcept("http://www.ama-assn.org/go/cpt", "38225")));

    [Fact]
    public void CarTProcedure_WithoutPerformedTime_IsRejected() =>
        AssertRejected(Example<Procedure>("car-t-administration-procedure", procedure => procedure.Performed = null));

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

    private static IEnumerable<string> Profiles(Resource resource) => resource.Meta?.Profile ?? [];

    /// <summary>The valid example of a profile, broken by <paramref name="breakIt"/>.</summary>
    private static T Example<T>(string profileId, Action<T> breakIt) where T : Resource
    {
        var example = FhirProfilesFolder.FileNames("examples")
            .Select(name => FhirProfilesFolder.Load("examples", name))
            .OfType<T>()
            .Single(resource => Profiles(resource).Contains($"{Base}/StructureDefinition/{profileId}"));
        breakIt(example);
        return example;
    }

    private static void AssertValid(OperationOutcome outcome, string what)
    {
        var errors = outcome.Errors();
        Assert.True(errors.Count == 0, $"{what}:{Environment.NewLine}{errors.Describe()}");
    }

    private void AssertRejected(Resource broken, string? expectedConstraint = null)
    {
        var errors = validator.Validate(broken).Errors();

        Assert.NotEmpty(errors);
        if (expectedConstraint is not null)
        {
            Assert.Contains(errors, error => error.Details?.Text?.Contains(expectedConstraint, StringComparison.Ordinal) == true
                || error.Diagnostics?.Contains(expectedConstraint, StringComparison.Ordinal) == true);
        }
    }
}
