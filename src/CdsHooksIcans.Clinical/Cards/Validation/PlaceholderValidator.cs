using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>The placeholders a card's kind offers: every placeholder in its text must be one, used where it can stand.</summary>
internal sealed class PlaceholderValidator(CardTemplate card, IReadOnlyList<PlaceholderSpec> offered)
{
    private readonly Dictionary<string, PlaceholderSpec> _specs = offered.ToDictionary(spec => spec.Name, StringComparer.Ordinal);

    /// <summary>Every placeholder in <paramref name="text"/> exists; a JSON one only where <paramref name="allowJson"/> says it may.</summary>
    public void Check(string field, string? text, bool allowJson = false)
    {
        foreach (var name in Placeholders.NamesIn(text))
        {
            if (!_specs.TryGetValue(name, out var spec))
            {
                throw card.Invalid(field, $"placeholder {{{name}}} does not exist for '{card.AppliesTo.Kind}' cards (known: {string.Join(", ", _specs.Keys.Order(StringComparer.Ordinal))})");
            }

            if (spec.Kind == PlaceholderKind.Json && !allowJson)
            {
                throw card.Invalid(field, $"placeholder {{{name}}} is a JSON value and can only stand alone in a resource template");
            }
        }
    }

    /// <summary>The text with every (checked) placeholder replaced by the longest value it can take.</summary>
    public string FillLongest(string text) =>
        Placeholders.Pattern().Replace(text, match => _specs[match.Groups[1].Value].LongestValue);

    /// <summary>Whether the string is exactly one (checked) placeholder of JSON kind.</summary>
    public bool IsOneJsonPlaceholder(string text) =>
        Placeholders.Pattern().Match(text) is { Success: true } whole
        && whole.Length == text.Length
        && _specs[whole.Groups[1].Value].Kind == PlaceholderKind.Json;

    /// <summary>The resource template filled with a sample of every placeholder, as a real card would be.</summary>
    public JsonNode? FillWithSamples(JsonNode resource) =>
        TemplateFiller.FillResource(resource, _specs.Values.ToDictionary(spec => spec.Name, PlaceholderValue.Sample, StringComparer.Ordinal));
}
