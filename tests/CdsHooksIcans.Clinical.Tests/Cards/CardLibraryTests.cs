using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Tests.Cards;

public sealed class CardLibraryTests : IDisposable
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> Kinds = CardKinds.All;
    private static readonly string CardsFolder = RepositoryPaths.Cards;
    private static readonly CitationTable Citations = CitationTable.Load(RepositoryPaths.Cards);
    private readonly string _broken = Directory.CreateTempSubdirectory("cards-").FullName;

    public void Dispose() => Directory.Delete(_broken, recursive: true);

    [Fact]
    public void Load_RealCardsFolder_HasGradedAndIncompleteGradingCards()
    {
        var library = CardLibrary.Load(CardsFolder, Kinds, Citations);

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

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds, Citations));

        Assert.Equal("broken.json", error.File);
        Assert.Equal("icans-grading-graded", error.Card);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("cards/broken.json: card 'icans-grading-graded', field '" + field + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RealCardsFolder_HasManagementForEveryGradeAndCrsState_AndEveryOrderCheck()
    {
        var library = CardLibrary.Load(CardsFolder, Kinds, Citations);

        // Exactly one management card for every grade (or lower bound), CRS state and status.
        foreach (var grade in Enumerable.Range(0, 5))
        {
            foreach (var crs in new[] { false, true })
            {
                foreach (var graded in new[] { true, false })
                {
                    var situation = new IcansSituation(grade, graded, crs ? CrsStatus.Present : CrsStatus.Unknown, false, false, false, false, MonitoringState.InWindow, 5);
                    Assert.Single(library.For("patient-view", ManagementCards.ManagementKind), t => t.AppliesTo.Matches(situation));
                }
            }
        }

        // An incomplete result is never managed as grade 0 (data contract v2): no card for it says "No ICANS".
        var incompleteAtZero = new IcansSituation(0, false, CrsStatus.Unknown, false, false, false, false, MonitoringState.InWindow, 5);
        Assert.All(library.Templates.Where(t => t.AppliesTo.Hook == "patient-view" && t.AppliesTo.Kind != GradingCard.Kind && t.AppliesTo.Matches(incompleteAtZero)),
            t => Assert.DoesNotContain("no icans", (t.Summary + t.Detail).ToLowerInvariant(), StringComparison.Ordinal));

        Assert.Equal(
            Enum.GetValues<CdsHooksIcans.Grading.Management.OrderFindingKind>().Length,
            library.For("order-sign", OrderCheckCards.Kind).Select(t => t.AppliesTo.Finding).Distinct().Count());
        Assert.All(library.Templates.Where(t => t.AppliesTo.Kind != GradingCard.Kind), t => Assert.DoesNotMatch("^ICANS grade", t.Summary));
        // Sections are folded into a card that carries the closing line.
        Assert.All(library.Templates.Where(t => t.AppliesTo.Kind != ManagementCards.SectionKind),
            t => Assert.Contains("supports, and does not replace, clinical judgment", t.Detail, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("patient-view/management/icans-management-grade-3-without-crs.json", "icans-management-grade-3-without-crs", "suggestions[0].actions[0].resource", "\"periodUnit\": \"h\"", "\"periodUnit\": \"hours\"", "not a valid FHIR R4 resource")]
    [InlineData("patient-view/management/icans-management-grade-3-without-crs.json", "icans-management-grade-3-without-crs", "detail", "{corticosteroid}", "{dose}", "placeholder {dose} does not exist")]
    [InlineData("order-sign/order-corticosteroid-below-grade.json", "order-corticosteroid-below-grade", "appliesTo.finding", "\"finding\": \"corticosteroid-below-grade\"", "\"finding\": \"steroid-low\"", "is not one of")]
    [InlineData("order-sign/order-corticosteroid-below-grade.json", "order-corticosteroid-below-grade", "suggestions[0].actions[0].resource", "\"resource\": \"{correctedOrder}\"", "\"resource\": \"{drug}\"", "one JSON placeholder")]
    [InlineData("order-sign/order-tocilizumab-without-crs.json", "order-tocilizumab-without-crs", "suggestions[0].actions[0]", "\"resourceId\": \"{draftReference}\"", "\"resource\": \"{corticosteroidOrder}\"", "a delete action has a resourceId")]
    [InlineData("patient-view/management/icans-management-grade-3-without-crs.json", "icans-management-grade-3-without-crs", "detail", "\"{sections}\",", "", "includes its sections exactly once")]
    [InlineData("patient-view/sections/pediatric.json", "section-pediatric", "source", "\"indicator\": \"warning\",", "\"indicator\": \"warning\", \"source\": { \"label\": \"x\" },", "uses the source")]
    [InlineData("patient-view/research-tak1-microglia.json", "research-tak1-microglia", "links[0].url", "https://doi.org/10.1038/s43018-024-00764-7\",\n      \"type\"", "doi.org/10.1038\",\n      \"type\"", "not an absolute http(s) URL")]
    [InlineData("patient-view/icans-grading-graded.json", "icans-grading-graded", "links[0].url", "\"url\": \"app:bedside\", \"type\": \"smart\"", "\"url\": \"app:bedside\", \"type\": \"absolute\"", "only a smart link may name one of the service's apps")]
    [InlineData("patient-view/icans-grading-graded.json", "icans-grading-graded", "links[0].url", "\"url\": \"app:bedside\"", "\"url\": \"app:pharmacy\"", "names no app")]
    [InlineData("patient-view/icans-grading-graded.json", "icans-grading-graded", "links[0].url", "\"url\": \"app:bedside\"", "\"url\": \"/app/launch.html\"", "not an absolute http(s) URL")]
    [InlineData("patient-view/icans-grading-incomplete.json", "icans-grading-incomplete", "links[0].appContext", "{ \"view\": \"entry\" }", "\"{tool}\"", "never from patient data")]
    [InlineData("patient-view/icans-grading-incomplete.json", "icans-grading-incomplete", "links[0].label", "Score {tool} now", "Score {patientName} now", "placeholder {patientName} does not exist")]
    public void Load_BrokenManagementCopy_FailsNamingFileCardAndField(string source, string card, string field, string find, string replace, string problem)
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, source));
        Assert.Contains(find, original, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_broken, "broken.json"), original.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds, Citations));

        Assert.Equal(("broken.json", card, field), (error.File, error.Card, error.Field));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoManagementCardsForOneSituation_Fails()
    {
        foreach (var file in Directory.EnumerateFiles(CardsFolder, "*.json", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_broken, Path.GetRelativePath(CardsFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var original = File.ReadAllText(Path.Combine(CardsFolder, "patient-view", "management", "icans-management-grade-2-without-crs.json"));
        File.WriteAllText(Path.Combine(_broken, "patient-view", "management", "zz-second.json"),
            original.Replace("\"id\": \"icans-management-grade-2-without-crs\"", "\"id\": \"second-grade-2\"", StringComparison.Ordinal));

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds, Citations));

        Assert.Equal(("patient-view/management/zz-second.json", "second-grade-2", "appliesTo"), (error.File, error.Card, error.Field));
        Assert.Contains("2 management cards apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DataFolder_IsNotReadAsCards()
    {
        Directory.CreateDirectory(Path.Combine(_broken, CardLibrary.DataFolder));
        File.WriteAllText(Path.Combine(_broken, CardLibrary.DataFolder, "anything.json"), "{ \"not\": \"a card\" }");

        Assert.Empty(CardLibrary.Load(_broken, Kinds, Citations).Templates);
    }

    [Theory]
    [InlineData("\"grade\": 4", "\"grade\": 3", "grades[3]", "grade")]
    [InlineData("\"methylprednisolone\": 1000", "\"methylprednisolone\": 2000", "grade 4", "minimumMgPerDay")]
    [InlineData("\"code\": \"6902\"", "\"code\": \"9999999\"", "grade 4", "medicationCodeableConcept")]
    public void Dosing_BrokenCopy_FailsNamingFileGradeAndField(string find, string replace, string card, string field)
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, CdsHooksIcans.Clinical.Orders.CorticosteroidDosing.RelativePath));
        Assert.Contains(find, original, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_broken, CardLibrary.DataFolder));
        File.WriteAllText(Path.Combine(_broken, CdsHooksIcans.Clinical.Orders.CorticosteroidDosing.RelativePath), original.Replace(find, replace, StringComparison.Ordinal));
        var reader = RepositoryPaths.OrderReader(CdsHooksIcans.Clinical.Terminology.IcansTerminology.Load([RepositoryPaths.Terminology]));

        var error = Assert.Throws<CardContentException>(() => CdsHooksIcans.Clinical.Orders.CorticosteroidDosing.Load(_broken, reader));

        Assert.Equal((CdsHooksIcans.Clinical.Orders.CorticosteroidDosing.RelativePath, card, field), (error.File, error.Card, error.Field));
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile()
    {
        File.WriteAllText(Path.Combine(_broken, "bad.json"), "{ \"id\": ");

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds, Citations));

        Assert.Equal("bad.json", error.File);
    }

    [Fact]
    public void Load_DuplicateIds_Fail()
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, "patient-view", "icans-grading-graded.json"));
        File.WriteAllText(Path.Combine(_broken, "a.json"), original);
        File.WriteAllText(Path.Combine(_broken, "b.json"), original);

        var error = Assert.Throws<CardContentException>(() => CardLibrary.Load(_broken, Kinds, Citations));

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
