using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Clinical.Tests.Cards;

/// <summary>
/// Sections fold into the one management card (docs/adr/0018): their text at <c>{sections}</c>, their suggestions after
/// the card's own, their guidelines added, and the most severe indicator of the card and its sections.
/// </summary>
public sealed class ManagementSectionTests
{
    private static readonly CardLibrary Library = CardLibrary.Load(RepositoryPaths.Cards, CardKinds.All, CitationTable.Load(RepositoryPaths.Cards));

    private static CardTemplate Content(string id) => Library.Templates.Single(t => t.Id == id);

    [Fact]
    public void Compose_OverdueSectionIntoGradeZeroCard_RaisesItToWarning_AndKeepsTheClosingLineLast()
    {
        var host = Content("icans-management-grade-0-without-crs");
        Assert.Equal("info", host.Indicator.For(0));

        var composed = ManagementCards.Compose(host, [Content("section-assessment-overdue")], 0);

        Assert.Equal("warning", composed.Indicator.For(0));
        Assert.Contains("**{tool} assessment overdue (last: {lastAssessment}).** No {tool} is recorded", composed.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementCards.SectionsPlaceholder, composed.Detail, StringComparison.Ordinal);
        Assert.Contains("supports, and does not replace, clinical judgment", composed.Detail!.Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(host.Guidelines, composed.Guidelines.Take(host.Guidelines.Count));
    }

    [Fact]
    public void Compose_SectionSuggestions_FollowTheCardsOwn()
    {
        var host = Content("icans-management-grade-1-without-crs");

        var composed = ManagementCards.Compose(host, [Content("section-high-risk-product-grade-1")], 1);

        Assert.Equal([.. host.Suggestions.Select(s => s.Label), "Order dexamethasone 10 mg IV once"], composed.Suggestions.Select(s => s.Label));
        Assert.Equal(host.SelectionBehavior, composed.SelectionBehavior);
        Assert.DoesNotContain(composed.Suggestions, s => s.IsRecommended && s.Label.Contains("once", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_SuggestionsOnlyFromASection_GetTheSelectionBehaviourCdsHooksAsksFor()
    {
        var host = Content("icans-management-grade-0-without-crs");
        Assert.Empty(host.Suggestions);

        var composed = ManagementCards.Compose(host, [Content("section-high-risk-product-grade-1")], 0);

        Assert.Equal("any", composed.SelectionBehavior);
    }

    [Fact]
    public void Compose_NoSection_LeavesTheCardAsItIs_WithoutThePlaceholder()
    {
        var host = Content("icans-management-grade-4-without-crs");

        var composed = ManagementCards.Compose(host, [], 4);

        Assert.Equal(host.Indicator.For(4), composed.Indicator.For(4));
        Assert.Equal(host.Detail!.Replace(ManagementCards.SectionsPlaceholder, "", StringComparison.Ordinal), composed.Detail);
        Assert.Equal(host.Suggestions, composed.Suggestions);
    }

    [Fact]
    public void Sections_AreNotCards()
    {
        var sections = Library.Templates.Where(t => t.AppliesTo.Kind == ManagementCards.SectionKind).ToList();

        Assert.Equal(7, sections.Count);
        Assert.All(sections, s => Assert.Null(s.Source));
        Assert.Throws<InvalidOperationException>(() => sections[0].Fill(new Dictionary<string, PlaceholderValue>(), 1, new FixedIds()));
    }

    private sealed class FixedIds : IIdGenerator
    {
        public string NewId() => "00000000-0000-4000-8000-000000000000";
    }
}
