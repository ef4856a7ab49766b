using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Tests.Profiles;

namespace CdsHooksIcans.Clinical.Tests.Cards;

/// <summary>Every resource the real cards suggest, filled with sample values, validates against R4 and its meta.profile (Firely validator).</summary>
public sealed class CardResourceValidationTests(ProfileValidatorFixture validator) : IClassFixture<ProfileValidatorFixture>
{
    public static TheoryData<string, int, int> Resources()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var t in CardLibrary.Load(RepositoryPaths.Cards, CardKinds.All, CitationTable.Load(RepositoryPaths.Cards)).Templates)
        {
            for (var s = 0; s < t.Suggestions.Count; s++)
            {
                for (var a = 0; a < t.Suggestions[s].Actions.Count; a++)
                {
                    if (t.Suggestions[s].Actions[a].Resource is System.Text.Json.Nodes.JsonObject)
                    {
                        data.Add(t.Id, s, a);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void SuggestedResource_ValidatesAgainstR4AndItsProfile(string card, int suggestion, int action)
    {
        var template = CardLibrary.Load(RepositoryPaths.Cards, CardKinds.All, CitationTable.Load(RepositoryPaths.Cards)).Templates.Single(t => t.Id == card);
        var specs = CardKinds.All[template.AppliesTo.Kind];
        var values = specs.ToDictionary(s => s.Name, s => s.Name switch
        {
            "patientReference" => PlaceholderValue.FromText("Patient/p1"),
            "now" => PlaceholderValue.FromText("2026-01-15T12:00:00Z"),
            "gradeLabel" => PlaceholderValue.FromText("grade 3"),
            "therapy" => PlaceholderValue.FromText("Axicabtagene ciloleucel (Yescarta)"),
            _ => PlaceholderValue.Sample(s),
        }, StringComparer.Ordinal);
        var json = TemplateFiller.FillResource(template.Suggestions[suggestion].Actions[action].Resource!, values)!;

        var errors = validator.Validate(FhirProfilesFolder.Parse(json.ToJsonString())).Errors();

        Assert.True(errors.Count == 0, errors.Describe());
    }
}
