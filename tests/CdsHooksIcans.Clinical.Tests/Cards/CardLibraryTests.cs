using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Clinical.Tests.Cards;

public sealed class CardLibraryTests : IDisposable
{
    private static readonly Dictionary<string, IReadOnlyList<PlaceholderSpec>> Kinds = new() { [GradingCard.Kind] = GradingCard.PlaceholderSpecs };
    private static readonly string CardsFolder = RepositoryPaths.Cards;
    private readonly string _broken = Directory.CreateTempSubdirectory("cards-").FullName;

    public void Dispose() => Directory.Delete(_broken, recursive: true);

    [Fact]
    public void Load_RealCardsFolder_HasGradedAndIncompleteGradingCards()
    {
        var library = CardLibrary.Load(CardsFolder, Kinds);

        var statuses = library.For("patient-view", GradingCard.Kind).Select(t => t.AppliesTo.Status).Order(StringComparer.Ordinal);
        Assert.Equal(["graded", "incomplete"], statuses);
        Assert.All(library.Templates, t => Assert.NotEmpty(t.Guidelines));
    }

    [Theory]
    [InlineData("summary", "\"summary\": \"ICANS grade {grade} (ASTCT): {drivers}{lateOnset}\"", "\"summary\": \"ICANS grade {grade}: {unknownThing}\"", "placeholder {unknownThing} does not exist")]
    [InlineData("summary", "\"summary\": \"ICANS grade {grade} (ASTCT): {drivers}{lateOnset}\"", "\"summary\": \"ICANS grade {grade} (ASTCT) according to the consensus of the American Society for Transplantation and Cellular Therapy: {drivers}{lateOnset}\"", "once filled with the longest values")]
    [InlineData("indicator.byGrade.3", "\"3\": \"critical\"", "\"3\": \"hard-stop\"", "grades are 0-4")]
    [InlineData("selectionBehavior", "\"selectionBehavior\": \"at-most-one\",", "", "need selectionBehavior")]
    [InlineData("overrideReasons[0].display", "\"code\": \"already-managed\", \"display\": \"Already assessed and managed\"", "\"code\": \"already-managed\"", "needs a display")]
    [InlineData("guidelines", "\"guidelines\": [", "\"guidelines\": [], \"unused\": [", "names the guideline")]
    [InlineData("suggestions[0].actions[0].resource", "\"valueInteger\": \"{grade}\"", "\"valueInteger\": \"{grade}\", \"valueNonsense\": 1", "not a valid FHIR R4 resource")]
    [InlineData("suggestions[0].actions[0].description", "\"description\": \"Create an Observation recording ASTCT ICANS grade {grade}, derived from the findings listed on the card\"", "\"description\": \"\"", "non-empty string")]
    [InlineData("appliesTo.hook", "\"hook\": \"patient-view\"", "\"hook\": \"patient-open\"", "is not one of")]
    public void Load_BrokenCopy_FailsNamingFileCardAndField(string field, string find, string replace, string problem)
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, "patient-view", "icans-grading-graded.json"));
        Assert.Contains(find, original, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_broken, "broken.json"), original.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds));

        Assert.Equal("broken.json", error.File);
        Assert.Equal("icans-grading-graded", error.Card);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("cards/broken.json: card 'icans-grading-graded', field '" + field + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile()
    {
        File.WriteAllText(Path.Combine(_broken, "bad.json"), "{ \"id\": ");

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds));

        Assert.Equal("bad.json", error.File);
    }

    [Fact]
    public void Load_DuplicateIds_Fail()
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, "patient-view", "icans-grading-graded.json"));
        File.WriteAllText(Path.Combine(_broken, "a.json"), original);
        File.WriteAllText(Path.Combine(_broken, "b.json"), original);

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds));

        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void FillMarkdown_TextFromData_CannotInjectLinksOrHtml()
    {
        var values = new Dictionary<string, PlaceholderValue> { ["name"] = PlaceholderValue.FromText("[click](https://evil.example) <img src=x onerror=alert(1)> **bold**") };

        var filled = TemplateFiller.FillMarkdown("Patient: {name}", values);

        Assert.DoesNotContain("](", filled, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", filled, StringComparison.Ordinal);
        Assert.DoesNotContain("**", filled, StringComparison.Ordinal);
        Assert.Contains("&lt;img", filled, StringComparison.Ordinal);
    }

    [Fact]
    public void FillResource_WholePlaceholders_BecomeTypedValues_AndEmptyListsDisappear()
    {
        var template = JsonNode.Parse("""{"resourceType":"Observation","valueInteger":"{grade}","derivedFrom":"{refs}","note":[{"text":"grade {grade}"}]}""")!.AsObject();
        var values = new Dictionary<string, PlaceholderValue>
        {
            ["grade"] = PlaceholderValue.FromNumber(3),
            ["refs"] = PlaceholderValue.FromJson(new JsonArray()),
        };

        var filled = TemplateFiller.FillResource(template, values);

        Assert.Equal(3, filled["valueInteger"]!.GetValue<int>());
        Assert.False(filled.ContainsKey("derivedFrom"));
        Assert.Equal("grade 3", filled["note"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("{grade}", template["valueInteger"]!.GetValue<string>());
    }
}
