using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>Fills <c>{name}</c> placeholders in text, markdown and FHIR resource templates.</summary>
public static partial class TemplateFiller
{
    /// <summary>Plain text (summaries, labels): values go in as they are.</summary>
    public static string FillText(string template, IReadOnlyDictionary<string, PlaceholderValue> values) =>
        Fill(Parts(template), values, static value => value.Text);

    /// <summary>Markdown (detail): text values are escaped so FHIR data cannot inject links, images or HTML.</summary>
    public static string FillMarkdown(string template, IReadOnlyDictionary<string, PlaceholderValue> values)
    {
        var filled = Fill(Parts(template), values, static value => value.Kind == PlaceholderKind.Text ? EscapeMarkdown(value.Text) : value.Text);
        return (filled.Contains("\n\n\n", StringComparison.Ordinal) ? BlankLines().Replace(filled, "\n\n") : filled).Trim();
    }

    private static string Fill(TemplatePart[] parts, IReadOnlyDictionary<string, PlaceholderValue> values, Func<PlaceholderValue, string> text)
    {
        if (parts is [{ IsPlaceholder: false } only])
        {
            return only.Text;
        }

        // The pieces, then one string of their total length: no builder buffer to grow and copy.
        var pieces = ArrayPool<string>.Shared.Rent(parts.Length);
        try
        {
            for (var i = 0; i < parts.Length; i++)
            {
                pieces[i] = parts[i].IsPlaceholder ? text(Value(values, parts[i].Text)) : parts[i].Text;
            }

            return string.Concat(pieces.AsSpan(0, parts.Length));
        }
        finally
        {
            // The pool must not keep patient text alive.
            Array.Clear(pieces, 0, parts.Length);
            ArrayPool<string>.Shared.Return(pieces);
        }
    }

    /// <summary>
    /// A template as constant text and placeholder names, in order, split once per template string: what
    /// <see cref="Placeholders.Pattern"/> matches is a placeholder, everything else is text (the regex's matches and
    /// groups were a large share of what a call allocated; docs/benchmark-history.md).
    /// </summary>
    internal static TemplatePart[] Parts(string template) => CompiledText.GetValue(template, Split);

    // Keyed by the template string itself: templates live as long as the card library, other strings are not kept.
    private static readonly ConditionalWeakTable<string, TemplatePart[]> CompiledText = [];

    // A string of a resource template, keyed by its node: reading a parsed JSON string gives a new instance every time.
    private static readonly ConditionalWeakTable<JsonValue, TemplatePart[]> CompiledJsonText = [];

    // Once per template (the tables above), so the regex that defines the syntax is not run per fill.
    private static TemplatePart[] Split(string template)
    {
        var parts = new List<TemplatePart>();
        var text = 0;
        foreach (Match placeholder in Placeholders.Pattern().Matches(template))
        {
            if (placeholder.Index > text)
            {
                parts.Add(new TemplatePart(template[text..placeholder.Index], IsPlaceholder: false));
            }

            parts.Add(new TemplatePart(placeholder.Groups[1].Value, IsPlaceholder: true));
            text = placeholder.Index + placeholder.Length;
        }

        if (text < template.Length || parts.Count == 0)
        {
            parts.Add(new TemplatePart(template[text..], IsPlaceholder: false));
        }

        return [.. parts];
    }

    // An optional block that fills to nothing must not leave a gap in the card.
    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    /// <summary>
    /// A resource template: a string that is only a placeholder becomes the typed value (number, object, array);
    /// placeholders inside longer strings are replaced as text. The template itself is never changed.
    /// </summary>
    public static JsonObject FillResource(JsonObject template, IReadOnlyDictionary<string, PlaceholderValue> values) =>
        (JsonObject)Fill(template, values)!;

    /// <summary>
    /// A resource template, or a string that is one JSON placeholder for a resource the service built. Null when that
    /// placeholder is empty (<see cref="PlaceholderValue.None"/>).
    /// </summary>
    public static JsonObject? FillResource(JsonNode template, IReadOnlyDictionary<string, PlaceholderValue> values) =>
        template is JsonObject o ? FillResource(o, values) : Fill(template, values) as JsonObject;

    /// <summary>Escapes GitHub-flavoured markdown and HTML so text renders literally.</summary>
    public static string EscapeMarkdown(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '\r' or '\n': builder.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '~' or '"':
                    builder.Append('\\').Append(c);
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    private static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, PlaceholderValue> values)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (name, value) in o)
                {
                    // FHIR JSON has no nulls or empty arrays: a placeholder that fills to nothing drops its element.
                    if (FillPart(value, values) is { } filled && filled is not JsonArray { Count: 0 })
                    {
                        copy[name] = filled;
                    }
                }

                return copy;
            case JsonArray a:
                var items = new JsonArray();
                foreach (var item in a)
                {
                    items.Add(FillPart(item, values));
                }

                return items;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var parts = CompiledJsonText.GetValue(v, static text => Split(text.GetValue<string>()));
                if (parts is [{ IsPlaceholder: true } whole] && Value(values, whole.Text) is { Json: var json } typed
                    && (json is not null || typed.Kind == PlaceholderKind.Json))
                {
                    return json?.DeepClone();
                }

                return JsonValue.Create(Fill(parts, values, static value => value.Text));
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>
    /// An element inside a resource template. An object or array without placeholders (a code, a route, a timing) is
    /// the same in every card: it becomes a node over the template's own JSON, whose children are only built if someone
    /// reads them (writing it copies the JSON), instead of a copy of its subtree.
    /// </summary>
    private static JsonNode? FillPart(JsonNode? node, IReadOnlyDictionary<string, PlaceholderValue> values) =>
        node is JsonObject or JsonArray && Constants.GetValue(node, ConstantJson) is JsonElement constant
            ? constant.ValueKind == JsonValueKind.Object ? JsonObject.Create(constant) : JsonArray.Create(constant)
            : Fill(node, values);

    // Per template node: its JSON when it is constant, else NotConstant. Templates are loaded once and never changed.
    private static readonly ConditionalWeakTable<JsonNode, object> Constants = [];
    private static readonly object NotConstant = new();

    private static object ConstantJson(JsonNode node) => IsConstant(node) ? JsonSerializer.SerializeToElement(node) : NotConstant;

    // What Fill would copy unchanged: no placeholder, and no null or empty array, which Fill drops.
    private static bool IsConstant(JsonNode? node) => node switch
    {
        JsonObject o => o.All(property => property.Value is not null && IsConstant(property.Value)),
        JsonArray a => a.Count > 0 && a.All(item => item is not null && IsConstant(item)),
        JsonValue v when v.TryGetValue<string>(out var text) => !Placeholders.Pattern().IsMatch(text),
        _ => node is not null,
    };

    private static PlaceholderValue Value(IReadOnlyDictionary<string, PlaceholderValue> values, string name) =>
        values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"No value for placeholder {{{name}}}.");
}
