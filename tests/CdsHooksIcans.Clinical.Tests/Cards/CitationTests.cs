using System.Text.Json;
using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Clinical.Tests.Cards;

/// <summary>
/// Content honesty: every file under cards/ (patient-view, order-sign and data) cites only sources its guidelines list
/// names, each with a full reference in cards/data/citations.json, never a source whose text is unverified, and carries
/// no internal notes in clinical text.
/// </summary>
public sealed class CitationTests
{
    private static readonly string CardsFolder = RepositoryPaths.Cards;
    private static readonly CitationTable Table = CitationTable.Load(CardsFolder);

    public static TheoryData<string> ContentFiles() => [.. Files()];

    private static List<string> Files() =>
    [
        .. Directory.EnumerateFiles(CardsFolder, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CardsFolder, f).Replace('\\', '/'))
            .Where(f => f != CitationTable.RelativePath)
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(ContentFiles))]
    public void ContentFile_CitesOnlyListedVerifiedSources(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(CardsFolder, file)));

        var error = Record.Exception(() => Table.Check(file, json.RootElement));

        Assert.Null(error);
    }

    [Fact]
    public void ContentFiles_CoverEveryFolder()
    {
        var folders = Files().Select(f => f.Split('/')[0]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["data", "order-sign", "patient-view"], folders);
    }

    [Fact]
    public void EveryCitableSource_HasAFullReference_AndSaysWhatWasVerified()
    {
        Assert.All(Table.Sources.Where(s => s.NotCitable is null), s =>
        {
            Assert.NotNull(s.Reference);
            Assert.NotNull(s.VerifiedFrom);
            Assert.StartsWith("https://", s.Url, StringComparison.Ordinal);
        });
        // The sources icans-clinical-reference marks unverified are in the table, so text citing them is caught.
        Assert.All(["NCCN", "SITC", "J Clin Med 2023"], form => Assert.Contains(Table.Sources, s => s.Forms.Contains(form) && s.NotCitable is not null));
    }

    [Theory]
    [InlineData("patient-view/management/icans-management-grade-4-without-crs.json", ",\n    \"Blood 2023\"", "", "detail", "does not name 'Blood 2023'")]
    [InlineData("patient-view/management/icans-management-grade-2-without-crs.json", "high-risk cases (EBMT 2022)", "high-risk cases (EBMT 2022; NCCN)", "detail", "text is unverified")]
    [InlineData("patient-view/management/icans-management-grade-2-without-crs.json", "(CARTOX 2018).\",", "(CARTOX 2018; J Clin Med 2023).\",", "detail", "text is unverified")]
    [InlineData("patient-view/management/icans-management-grade-2-without-crs.json", "(CARTOX 2018).\",", "(CARTOX 2018; Lancet Oncol 2020).\",", "detail", "reads like a citation")]
    [InlineData("patient-view/management/icans-management-grade-2-without-crs.json", "Fundoscopy for papilledema (CARTOX 2018)", "Fundoscopy for papilledema (CARTOX 2018; not verified)", "detail", "internal note")]
    [InlineData("patient-view/research-tak1-microglia.json", "\"url\": \"https://doi.org/10.1038/s43018-024-00764-7\"\n  }", "\"url\": \"https://doi.org/10.1200/JCO.21.01992\"\n  }", "source.url", "real source")]
    [InlineData("patient-view/late-watch.json", "\"Carvykti label\"\n", "\"Carvykti label\",\n    \"SITC 2020\"\n", "guidelines[2]", "cannot be presented as a source")]
    [InlineData("patient-view/sections/pediatric.json", "\"ASCO 2021\"\n", "\"ASCO 2021\",\n    \"CARTOX 2018\"\n", "guidelines[2]", "never cites it")]
    [InlineData("order-sign/order-tocilizumab-without-crs.json", ",\n    \"Blood 2023\"", "", "detail", "does not name 'Blood 2023'")]
    [InlineData("data/corticosteroid-dosing.json", "\"ASCO 2021\"\n", "\"Santomasso BD, et al. ASCO Guideline. J Clin Oncol 2021\"\n", "guidelines[0]", "is not a source id")]
    public void BrokenCopy_FailsNamingFileCardAndField(string file, string find, string replace, string field, string problem)
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, file)).ReplaceLineEndings("\n");
        Assert.Contains(find, original, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(original.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<CardContentException>(() => Table.Check(file, json.RootElement));

        Assert.Equal(file, error.File);
        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"reference\": \"Santomasso BD, Gust J, Perna F. How I treat unique and difficult-to-manage cases of CAR T-cell therapy-associated neurotoxicity. Blood 2023;141(20):2443-2451. doi:10.1182/blood.2022017604. PMC10329188.\"", "\"reference\": \"Santomasso BD, et al. Blood 2023;141:2443.\"", "reference")]
    [InlineData("\"verifiedFrom\": \"Table 1", "\"unused\": \"Table 1", "verifiedFrom")]
    [InlineData("\"alsoCitedAs\": [\"ASCO\"]", "\"alsoCitedAs\": [\"ASTCT\"]", "alsoCitedAs")]
    public void Table_BrokenCopy_FailsNamingSourceAndField(string find, string replace, string field)
    {
        var original = File.ReadAllText(Path.Combine(CardsFolder, CitationTable.RelativePath));
        Assert.Contains(find, original, StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("citations-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, CardLibrary.DataFolder));
            File.WriteAllText(Path.Combine(folder, CitationTable.RelativePath), original.Replace(find, replace, StringComparison.Ordinal));

            var error = Assert.Throws<CardContentException>(() => CitationTable.Load(folder));

            Assert.Equal((CitationTable.RelativePath, field), (error.File, error.Field));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
