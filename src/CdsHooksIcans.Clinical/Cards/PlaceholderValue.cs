using System.Globalization;
using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A value for a placeholder.</summary>
public sealed record PlaceholderValue(PlaceholderKind Kind, string Text, JsonNode? Json = null)
{
    /// <summary>Text that may come from FHIR data: escaped before it enters markdown.</summary>
    public static PlaceholderValue FromText(string text) => new(PlaceholderKind.Text, text);

    /// <summary>Markdown the service built from escaped parts.</summary>
    public static PlaceholderValue FromMarkdown(string markdown) => new(PlaceholderKind.Markdown, markdown);

    public static PlaceholderValue FromNumber(int number) =>
        new(PlaceholderKind.Number, number.ToString(CultureInfo.InvariantCulture), JsonValue.Create(number));

    public static PlaceholderValue FromJson(JsonNode json) => new(PlaceholderKind.Json, json.ToJsonString(), json);

    /// <summary>An empty JSON value: the element (or the whole suggested resource) it stands for is left out.</summary>
    public static PlaceholderValue None { get; } = new(PlaceholderKind.Json, "");

    /// <summary>The longest value of a spec, used to validate templates at start-up.</summary>
    public static PlaceholderValue Sample(PlaceholderSpec spec) => spec.Kind switch
    {
        PlaceholderKind.Number => FromNumber(int.Parse(spec.LongestValue, CultureInfo.InvariantCulture)),
        PlaceholderKind.Json => FromJson(JsonNode.Parse(spec.SampleJson)!),
        _ => new PlaceholderValue(spec.Kind, spec.LongestValue),
    };
}
