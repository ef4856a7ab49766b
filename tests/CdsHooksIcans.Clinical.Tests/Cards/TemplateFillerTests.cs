using System.Text.RegularExpressions;
using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Clinical.Tests.Cards;

/// <summary>
/// Text templates are split once into constant text and placeholders instead of matched with the placeholder pattern on
/// every fill; over random templates the result is what the pattern's replacement gives.
/// </summary>
public sealed class TemplateFillerTests
{
    private const string Alphabet = "{}aZ1 -*\n";

    [Fact]
    public void Fill_RandomTemplates_ReplacesWhatThePlaceholderPatternMatches()
    {
        var random = new Random(20261130);
        var values = new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal);
        for (var i = 0; i < 20_000; i++)
        {
            var template = new string([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            foreach (var name in Placeholders.NamesIn(template))
            {
                values.TryAdd(name, random.Next(2) == 0 ? PlaceholderValue.FromText($"<{name}*>") : PlaceholderValue.FromMarkdown($"**{name}**\n\n\n"));
            }

            var text = Placeholders.Pattern().Replace(template, m => values[m.Groups[1].Value].Text);
            var markdown = Regex.Replace(
                Placeholders.Pattern().Replace(template, m => values[m.Groups[1].Value] is { Kind: PlaceholderKind.Text } v ? TemplateFiller.EscapeMarkdown(v.Text) : values[m.Groups[1].Value].Text),
                @"\n{3,}",
                "\n\n").Trim();

            Assert.Equal(text, TemplateFiller.FillText(template, values));
            Assert.Equal(markdown, TemplateFiller.FillMarkdown(template, values));
        }
    }

    [Fact]
    public void FillText_PlaceholderWithoutValue_Throws()
        => Assert.Throws<InvalidOperationException>(() => TemplateFiller.FillText("grade {grade}", new Dictionary<string, PlaceholderValue>()));
}
