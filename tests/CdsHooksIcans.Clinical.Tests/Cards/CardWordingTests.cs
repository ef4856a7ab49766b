using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Clinical.Tests.Cards;

/// <summary>The wording file loads, holds every phrase the service uses, and is refused with a message naming what is wrong.</summary>
public sealed class CardWordingTests : IDisposable
{
    private readonly string _cards = Directory.CreateTempSubdirectory("wording-").FullName;

    public void Dispose() => Directory.Delete(_cards, recursive: true);

    [Fact]
    public void Load_RealWording_HasEveryPhraseAndEndsWithTheDefaultAdvice()
    {
        var wording = CardWording.Load(RepositoryPaths.Cards);

        Assert.All(CardWording.PhraseSpecs.Keys, key => Assert.False(string.IsNullOrWhiteSpace(wording.Template(key))));
        Assert.Equal(CardWording.DefaultReassessment, wording.Reassessment[^1].Key);
    }

    [Theory]
    [InlineData("propofol sedation overnight", "sedation")]
    [InlineData("Hypoglycaemia 2.1 mmol/L", "glucose")]
    [InlineData("post-ictal after a witnessed seizure", "post-ictal")]
    [InlineData("Left hemiparesis, unchanged since stroke in 2023", "baseline-deficit")]
    [InlineData("sodium 118", "metabolic")]
    [InlineData("no idea", "default")]
    [InlineData(null, "default")]
    public void ReassessmentFor_PicksTheFirstRuleWithAWordOfTheCause(string? cause, string key) =>
        Assert.Equal(key, CardWording.Load(RepositoryPaths.Cards).ReassessmentFor(cause).Key);

    [Fact]
    public void Fill_EscapesChartTextAndKeepsSpacing()
    {
        var wording = CardWording.Load(RepositoryPaths.Cards);
        var filled = wording.Fill(CardWording.Keys.Cause, new Dictionary<string, PlaceholderValue> { ["text"] = PlaceholderValue.FromText("[click](http://x)") });

        Assert.StartsWith(" (", filled, StringComparison.Ordinal);
        Assert.Contains("\\[click\\]", filled, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"incomplete\": \"Not graded: {gaps}.", "\"incomplete\": \"Not graded: {grade}.", "incomplete", "phrases.incomplete", "placeholder {grade} does not exist")]
    [InlineData("\"late-onset\":", "\"late-onsets\":", "late-onsets", "phrases", "is not a phrase the service uses")]
    [InlineData("\"key\": \"default\"", "\"key\": \"fallback\", \"causeContains\": [\"x\"]", "default", "reassessment", "the last rule, and only it, is 'default'")]
    [InlineData("\"causeContains\": [\"glucose\", \"glycemi\", \"glycaemi\"]", "\"causeContains\": []", "glucose", "reassessment[1].causeContains", "list of non-empty words")]
    public void Load_BrokenWording_NamesThePhraseAndField(string find, string replace, string phrase, string field, string problem)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Cards, CardWording.RelativePath));
        Assert.Contains(find, original, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_cards, "data"));
        File.WriteAllText(Path.Combine(_cards, CardWording.RelativePath), original.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<CardContentException>(() => CardWording.Load(_cards));

        Assert.Equal(phrase, error.Card);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PhraseMissing_IsRefused()
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Cards, CardWording.RelativePath));
        Directory.CreateDirectory(Path.Combine(_cards, "data"));
        File.WriteAllText(Path.Combine(_cards, CardWording.RelativePath),
            System.Text.RegularExpressions.Regex.Replace(original, "\\s*\"late-onset\": \"[^\"]*\",", ""));

        var error = Assert.Throws<CardContentException>(() => CardWording.Load(_cards));

        Assert.Contains("the phrase 'late-onset' is missing", error.Message, StringComparison.Ordinal);
    }
}
