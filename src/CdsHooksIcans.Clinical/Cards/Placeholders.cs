using System.Text.RegularExpressions;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>How a placeholder's value enters a template.</summary>
public enum PlaceholderKind
{
    /// <summary>Text from data: escaped before it enters markdown.</summary>
    Text,
    /// <summary>Markdown the service builds itself from escaped parts.</summary>
    Markdown,
    /// <summary>A number; inside a resource template a string that is only the placeholder becomes a JSON number.</summary>
    Number,
    /// <summary>A JSON value (object or array) for resource templates, e.g. a list of references.</summary>
    Json,
}

/// <summary>A placeholder a card kind offers, with the longest value it can take (summary length is checked with it).</summary>
public sealed record PlaceholderSpec(string Name, PlaceholderKind Kind, string LongestValue, string SampleJson = "null");

/// <summary>The placeholders each card kind may use, and the syntax <c>{name}</c>.</summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9]*)\}")]
    public static partial Regex Pattern();

    public static IEnumerable<string> NamesIn(string? text) =>
        text is null ? [] : Pattern().Matches(text).Select(m => m.Groups[1].Value);
}
