using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Clinical.Tests.Terminology;

namespace CdsHooksIcans.Clinical.Tests.Orders;

/// <summary>The order data files are checked at start-up: a broken copy fails naming the file, the entry and the field.</summary>
public sealed class OrderContentValidationTests(TerminologyFixture fixture) : IClassFixture<TerminologyFixture>, IDisposable
{
    private readonly string _broken = Directory.CreateTempSubdirectory("order-content-").FullName;

    public void Dispose() => Directory.Delete(_broken, recursive: true);

    [Theory]
    [InlineData(OrderRulesContent.CeilingsPath, "\"drug\": \"tocilizumab\"", "\"drug\": \"aspirin\"", "ceilings[0]", "drug")]
    [InlineData(OrderRulesContent.CeilingsPath, "\"maxMgPerDose\": 800", "\"maxMgPerDose\": 0", "ceilings[0]", "max*")]
    [InlineData(OrderRulesContent.ProphylaxisPath, "\"brexucabtagene-autoleucel\"", "\"brexu-cel\"", "-", "products")]
    [InlineData(OrderRulesContent.ProphylaxisPath, "\"toDay\": 30", "\"toDay\": -1", "-", "fromDay/toDay")]
    [InlineData(RouteTable.RelativePath, "\"kind\": \"local\"", "\"kind\": \"eye\"", "routes[3]", "kind")]
    public void BrokenCopy_FailsNamingFileEntryAndField(string file, string find, string replace, string entry, string field)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Cards, file));
        Assert.Contains(find, original, StringComparison.Ordinal);
        CopyCardsData();
        File.WriteAllText(Path.Combine(_broken, file), original.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<CardContentException>(() =>
        {
            var reader = OrderReader.Load(fixture.Terminology, _broken, [RepositoryPaths.Medications]);
            OrderRulesContent.Load(_broken, CorticosteroidDosing.Load(_broken, reader), fixture.Terminology);
        });

        Assert.Equal((file, entry, field), (error.File, error.Card, error.Field));
    }

    [Theory]
    [InlineData("\"code\": \"3264\"", "\"code\": \"6902\"", "code")]
    [InlineData("\"code\": \"mg\"", "\"code\": \"kg\"", "ingredient")]
    public void Medications_ProductOfAnotherDrugOrWithoutMgStrength_FailsStartUp(string find, string replace, string field)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Medications, "Bundle-drug-products.json"));
        Assert.Contains(find, original, StringComparison.Ordinal);
        var first = original.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_broken, "Bundle-drug-products.json"), string.Concat(original.AsSpan(0, first), replace, original.AsSpan(first + find.Length)));

        var error = Assert.Throws<TerminologyException>(() => DrugProducts.Load([_broken], fixture.Terminology, DrugRecognition.DrugValueSets));

        Assert.Contains($"Medication/rxnorm-197582.{field}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Medications_RealFolder_ConvertsTheSandboxTablet()
    {
        var products = DrugProducts.Load([RepositoryPaths.Medications], fixture.Terminology, DrugRecognition.DrugValueSets);

        var tablet = products.Find(new Hl7.Fhir.Model.CodeableConcept("http://www.nlm.nih.gov/research/umls/rxnorm", "197582"));

        Assert.Equal((4m, false, "Oral Tablet"), (tablet!.MgPerUnit, tablet.PerMilliliter, tablet.DoseForm));
        Assert.True(products.All.Count() >= 50);
    }

    private void CopyCardsData()
    {
        Directory.CreateDirectory(Path.Combine(_broken, "data"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Cards, "data")))
        {
            File.Copy(file, Path.Combine(_broken, "data", Path.GetFileName(file)));
        }
    }
}
