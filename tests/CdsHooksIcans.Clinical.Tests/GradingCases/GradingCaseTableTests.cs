using System.Text.Json;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Tests.GradingCases;

/// <summary>
/// The grading case table: every row of grading-cases.json becomes real FHIR resources, goes through the real
/// terminology and extraction, is graded, and is compared with the fields its "expect" names.
/// </summary>
public sealed class GradingCaseTableTests
{
    private static readonly Lazy<IcansTerminology> Terminology = new(() => IcansTerminology.Load([RepositoryPaths.Terminology]));
    private static readonly Lazy<FindingsExtractor> Extractor = new(() => new FindingsExtractor(Terminology.Value));
    private static readonly Lazy<ResourceScreen> Screen = new(() => new ResourceScreen(Terminology.Value));
    private static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(Hl7.Fhir.Model.ModelInfo.ModelInspector);
    private static readonly JsonElement Table = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GradingCases", "grading-cases.json"))).RootElement;

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var row in Table.GetProperty("cases").EnumerateArray())
        {
            names.Add(row.GetProperty("name").GetString()!);
        }

        return names;
    }

    [Fact]
    public void CaseTable_HasAtLeastSixtyUniquelyNamedCases()
    {
        var names = Table.GetProperty("cases").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.True(names.Count >= 60, $"only {names.Count} cases");
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    /// <summary>The resource screen the service applies to prefetch never changes an assessment.</summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_GradesTheSame_WithOnlyTheResourcesTheScreenKeeps(string name)
    {
        var (row, now) = Case(name);
        var resources = CaseResources.Build(row, now);
        // The service's window: late findings are screened over the late watch only for a BCMA CAR-T patient.
        var window = new ReadingWindow(Screen.Value, now, GradingOptions.Default)
            .For(Extractor.Value.Extract(CaseResources.PatientId, resources).Exposures);
        var kept = resources.Where(r => window.Keeps(JsonSerializer.SerializeToElement(r, FhirJson))).ToList();

        Assert.Equal(Graded(resources, now), Graded(kept, now));
    }

    /// <summary>
    /// Extraction fed in two parts as the service feeds it (the therapy records, then the rest of the chart, with the
    /// exposures looked at in between) grades every case as one pass over all the resources does.
    /// </summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_GradesTheSame_WhenExtractedInTwoParts(string name)
    {
        var (row, now) = Case(name);
        var resources = CaseResources.Build(row, now);
        static bool IsTherapyRecord(Hl7.Fhir.Model.Resource r) => r is Hl7.Fhir.Model.MedicationAdministration or Hl7.Fhir.Model.Procedure or Hl7.Fhir.Model.Condition;

        var extraction = Extractor.Value.Begin(CaseResources.PatientId);
        extraction.Add(resources.Where(IsTherapyRecord));
        _ = extraction.Exposures;
        extraction.Add(resources.Where(r => !IsTherapyRecord(r)));

        Assert.Equal(Graded(resources, now), JsonSerializer.Serialize(IcansGrader.Assess(extraction.Finish(), now)));
    }

    /// <summary>A row of the table and its "now" (its own, else the table's).</summary>
    private static (JsonElement Row, DateTimeOffset Now) Case(string name)
    {
        var row = Table.GetProperty("cases").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        var now = DateTimeOffset.Parse((row.TryGetProperty("now", out var n) ? n : Table.GetProperty("now")).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return (row, now);
    }

    private static string Graded(List<Hl7.Fhir.Model.Resource> resources, DateTimeOffset now)
        => JsonSerializer.Serialize(IcansGrader.Assess(Extractor.Value.Extract(CaseResources.PatientId, resources), now));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_GradesAsExpected(string name)
    {
        var (row, now) = Case(name);

        var findings = Extractor.Value.Extract(CaseResources.PatientId, CaseResources.Build(row, now));
        var a = IcansGrader.Assess(findings, now);

        var expect = row.GetProperty("expect");
        foreach (var field in expect.EnumerateObject())
        {
            var v = field.Value;
            object? actual = field.Name switch
            {
                "card" => a.ShowGradingCard,
                "status" => a.Status == GradingStatus.Graded ? "graded" : "incomplete",
                "grade" => a.Grade,
                "lowerBound" => a.LowerBound,
                "drivingDomains" => string.Join(",", a.DrivingDomains.Select(GradingCard.DomainName).Order(StringComparer.Ordinal)),
                "missing" => string.Join(",", a.MissingDomains.Select(GradingCard.DomainName).Order(StringComparer.Ordinal)),
                "crsPresent" => a.Crs.Present,
                "crsGrade" => a.Crs.Grade,
                "monitoring" => a.Monitoring.ToString(),
                "lateOnset" => a.LateOnset,
                "tool" => GradingCard.DomainName(a.CognitiveTool),
                "daysSinceInfusion" => a.DaysSinceInfusion,
                "therapy" => a.Therapy?.Product.Code,
                "lateNeurotoxicity" => string.Join(",", a.LateNeurotoxicity.Select(s => s.Finding).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                _ => throw new InvalidOperationException($"Case '{name}': unknown expect field '{field.Name}'."),
            };
            object? expected = v.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => v.GetInt32(),
                JsonValueKind.Array => string.Join(",", v.EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal)),
                _ => v.GetString(),
            };
            Assert.True(Equals(expected, actual), $"Case '{name}': {field.Name} expected {expected ?? "null"}, got {actual ?? "null"}");
        }
    }
}
