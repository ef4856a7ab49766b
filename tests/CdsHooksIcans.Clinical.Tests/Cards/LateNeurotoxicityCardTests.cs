using System.Collections.Immutable;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Tests.Terminology;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Tests.Cards;

public sealed class LateNeurotoxicityCardTests(TerminologyFixture fixture) : IClassFixture<TerminologyFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly IecProduct CiltaCel = new("ciltacabtagene-autoleucel", "Ciltacabtagene autoleucel (Carvykti)", TherapyClass.CarT, false, true);
    private static readonly Lazy<CardLibrary> Library = new(() => CardLibrary.Load(RepositoryPaths.Cards, CardKinds.All, CitationTable.Load(RepositoryPaths.Cards)));

    [Fact]
    public void RealCards_HaveOneLateNeurotoxicityCard_ThatSaysItSupportsJudgment_AndSuggestsCompleteServiceRequests()
    {
        var card = Assert.Single(Library.Value.For("patient-view", LateNeurotoxicityCard.Kind));

        Assert.Equal("warning", card.Indicator.Fixed);
        Assert.Contains("supports, and does not replace, clinical judgment", card.Detail, StringComparison.Ordinal);
        Assert.Contains("Neurology consultation", card.Detail, StringComparison.Ordinal);
        Assert.All(card.Suggestions.SelectMany(s => s.Actions), a => Assert.Equal("ServiceRequest", (string?)a.Resource?["resourceType"]));
        Assert.Contains("Blood Cancer J 2022", card.Guidelines);
        Assert.Contains("Carvykti label", card.Guidelines);
    }

    /// <summary>The summary's longest value covers the three longest real displays and the largest "and N more".</summary>
    [Fact]
    public void FindingsPlaceholder_LongestValue_CoversTheRealTerminology()
    {
        var names = LateNeurotoxicityCard.Displays(fixture.Terminology)
            .Where(d => d.Key is not "no-late-neurotoxicity-finding" and not "no-motor-finding" and not "myoclonus" and not "hemiparesis" and not "paraparesis")
            .Select(d => d.Value).OrderByDescending(n => n.Length).ToList();
        var worst = LateNeurotoxicityCard.SummaryList(names);
        var spec = LateNeurotoxicityCard.PlaceholderSpecs.Single(p => p.Name == "findings");

        Assert.Equal(10, names.Count);
        Assert.True(spec.LongestValue.Length >= worst.Length, $"'{worst}' is longer than the declared longest '{spec.LongestValue}'");
    }

    [Fact]
    public void Values_NameEachFindingOnce_WithItsEvidence_NewestFirst()
    {
        var values = LateNeurotoxicityCard.Values(Assessment(
            Sign("parkinsonism", "Observation/p2", 1),
            Sign("micrographia", "Observation/m1", 2),
            Sign("parkinsonism", "Observation/p1", 9),
            Sign("tremor", "Observation/t1", 3)), fixture.Terminology, "pt", Now);

        Assert.Equal("Parkinsonism, Micrographia, Tremor", values["findings"].Text);
        var lines = values["evidence"].Text.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("- **Parkinsonism**: charted 2026-01-14 12:00 UTC, first 2026-01-06 12:00 UTC (`Observation/p2`, `Observation/p1`)", lines[0]);
        Assert.Equal("Ciltacabtagene autoleucel (Carvykti)", values["therapy"].Text);
        Assert.Equal("day 60 after the most recent infusion", values["therapyTiming"].Text);
    }

    [Fact]
    public void SummaryList_CountsWhatItDoesNotName()
    {
        Assert.Equal("a, b, c", LateNeurotoxicityCard.SummaryList(["a", "b", "c"]));
        Assert.Equal("a, b, c and 2 more", LateNeurotoxicityCard.SummaryList(["a", "b", "c", "d", "e"]));
    }

    [Fact]
    public void Select_NoSign_NoCard_AndTheCardSupersedesOnlyTheLateWatchNote()
    {
        Assert.Empty(LateNeurotoxicityCard.Select(Library.Value, Assessment()));
        Assert.Single(LateNeurotoxicityCard.Select(Library.Value, Assessment(Sign("guillain-barre-syndrome", "Condition/g", 1))));

        var superseded = Library.Value.Templates.Where(LateNeurotoxicityCard.Supersedes).Select(t => t.Id);
        Assert.Equal(["bcma-late-neurotoxicity-watch"], superseded);
    }

    [Fact]
    public void Extension_ListsFindingsAndEvidenceOnce()
    {
        var extension = LateNeurotoxicityCard.Extension(Assessment(
            Sign("parkinsonism", "Observation/p2", 1), Sign("parkinsonism", "Observation/p1", 9), Sign("facial-nerve-palsy", "Condition/f", 2)));

        Assert.Equal(["parkinsonism", "facial-nerve-palsy"], extension.Findings);
        Assert.Equal(["Observation/p2", "Condition/f", "Observation/p1"], extension.Evidence);
    }

    private static LateNeurotoxicitySign Sign(string finding, string reference, int daysAgo) =>
        new(finding, LateNeurotoxicityGroup.MovementAndNeurocognitive, new Provenance(reference, Now.AddDays(-daysAgo)));

    // Signs are given newest first, as the grading library hands them over.
    private static IcansAssessment Assessment(params LateNeurotoxicitySign[] signs) =>
        new(MonitoringState.LateWatch, false, false, GradingStatus.Graded, 0, 0, IcansDomain.Ice, 65, [], [], [], CrsState.Unknown,
            new IecExposure(CiltaCel, Now.AddDays(-60), "MedicationAdministration/m"), 60, [])
        {
            LateNeurotoxicity = [.. signs.OrderByDescending(s => s.Source.Time)],
        };
}
