using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Profiles;

/// <summary>The grade the card suggests recording is a valid icans-icans-grade Observation for every grade.</summary>
public sealed class GradingSuggestionProfileTests(ProfileValidatorFixture validator) : IClassFixture<ProfileValidatorFixture>
{
    private const string Profile = "http://cdshooks-icans.org/fhir/StructureDefinition/icans-icans-grade";
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> Kinds = CardKinds.All;

    [Theory]
    [InlineData(10, 0)]
    [InlineData(8, 1)]
    [InlineData(5, 2)]
    [InlineData(1, 3)]
    public void GradedCard_Suggestion_ValidatesAgainstTheGradeProfile(int ice, int grade)
    {
        var terminology = IcansTerminology.Load([RepositoryPaths.Terminology]);
        var resources = new List<Resource>
        {
            new Patient { Id = "p1", BirthDate = "1970-01-01" },
            new MedicationAdministration
            {
                Id = "ma1",
                Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
                Subject = new ResourceReference("Patient/p1"),
                Medication = new CodeableConcept(IcansTerminology.CanonicalBase + "/CodeSystem/iec-product", "axicabtagene-ciloleucel"),
                Effective = new FhirDateTime(Now.AddDays(-4)),
            },
            Observation("ice", "ice-total", new Integer(ice)),
            Observation("loc", "consciousness", new CodeableConcept(IcansTerminology.CanonicalBase + "/CodeSystem/icans-finding", "alert")),
        };
        var assessment = IcansGrader.Assess(new FindingsExtractor(terminology).Extract("p1", resources), Now);
        Assert.Equal(grade, assessment.Grade);

        var card = GradingCard.SelectTemplate(CardLibrary.Load(RepositoryPaths.Cards, Kinds, CitationTable.Load(RepositoryPaths.Cards)), assessment)
            .Fill(GradingCard.Values(assessment, new GradingContext("p1", Now, []), CardWording.Load(RepositoryPaths.Cards)), assessment.Grade, new RandomIdGenerator());
        var suggested = FhirProfilesFolder.Parse(card.Suggestions.Single().Actions.Single().Resource!.ToJsonString());

        var errors = validator.Validate(suggested, Profile).Errors();
        Assert.True(errors.Count == 0, errors.Describe());
        Assert.Equal(grade, Assert.IsType<Integer>(Assert.IsType<Observation>(suggested).Value).Value);
    }

    private static Observation Observation(string id, string code, DataType value) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Subject = new ResourceReference("Patient/p1"),
        Code = new CodeableConcept(IcansTerminology.CanonicalBase + "/CodeSystem/icans-observation", code),
        Effective = new FhirDateTime(Now.AddHours(-1)),
        Value = value,
    };
}
