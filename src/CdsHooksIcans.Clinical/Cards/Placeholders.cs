using System.Text.RegularExpressions;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>The placeholders each card kind may use, and the syntax <c>{name}</c>.</summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9]*)\}")]
    public static partial Regex Pattern();

    public static IEnumerable<string> NamesIn(string? text) =>
        text is null ? [] : Pattern().Matches(text).Select(m => m.Groups[1].Value);
}
