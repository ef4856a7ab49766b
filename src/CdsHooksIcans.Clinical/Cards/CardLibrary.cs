using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using CdsHooksIcans.Clinical.Cards.Validation;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The card content of <c>cards/</c>, loaded once and validated against the CDS Hooks card rules, the placeholders
/// each card kind offers, the summary length with the longest values, and R4 validity of every resource template.
/// Every file, data files included, also passes the citation check of <see cref="CitationTable"/>.
/// Invalid content stops start-up with a <see cref="CardContentException"/> naming file, card and field.
/// </summary>
public sealed class CardLibrary
{
    public const int MaxSummaryLength = 139;

    /// <summary>The folder under <c>cards/</c> for data files (dosing thresholds) that are not cards.</summary>
    public const string DataFolder = "data";

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly IReadOnlyList<CardTemplate> _templates;

    private CardLibrary(IReadOnlyList<CardTemplate> templates) => _templates = templates;

    public IReadOnlyList<CardTemplate> Templates => _templates;

    /// <summary>Templates for a hook and kind, in file-name order.</summary>
    public IEnumerable<CardTemplate> For(string hook, string kind) =>
        _templates.Where(t => t.AppliesTo.Hook == hook && t.AppliesTo.Kind == kind);

    /// <summary>
    /// Loads every <c>*.json</c> under <paramref name="directory"/>, validates it against the card kinds' placeholders
    /// and checks the citations of every file, the data files included.
    /// </summary>
    /// <param name="directory">The <c>cards/</c> folder.</param>
    /// <param name="placeholdersByKind">Card kind to the placeholders it offers.</param>
    /// <param name="citations">The sources card text may cite.</param>
    public static CardLibrary Load(string directory, IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> placeholdersByKind, CitationTable citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        if (!Directory.Exists(directory))
        {
            throw new CardContentException(directory, "-", "-", "the cards folder does not exist");
        }

        var templates = new List<CardTemplate>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(directory, path).Replace('\\', '/');
            var json = File.ReadAllText(path);
            if (file.StartsWith(DataFolder + "/", StringComparison.Ordinal))
            {
                // Data files are not cards, but their text reaches cards and cites sources too.
                if (file != CitationTable.RelativePath)
                {
                    citations.Check(file, ParseJson(file, json));
                }

                continue;
            }

            var template = Parse(file, json);
            if (!ids.Add(template.Id))
            {
                throw new CardContentException(file, template.Id, "id", "the id is used by another card");
            }

            Validate(template, placeholdersByKind);
            citations.Check(file, ParseJson(file, json));
            templates.Add(template);
        }

        CheckOneManagementCardPerSituation(templates);
        return new CardLibrary(templates);
    }

    /// <summary>
    /// Every situation a patient can be in gets exactly one management card: the answer's second card is never missing
    /// and never doubled.
    /// </summary>
    private static void CheckOneManagementCardPerSituation(List<CardTemplate> templates)
    {
        var management = templates.Where(t => t.AppliesTo is { Hook: "patient-view", Kind: ManagementCards.ManagementKind }).ToList();
        if (management.Count == 0)
        {
            return;
        }

        bool[] both = [false, true];
        var situations =
            from grade in Enumerable.Range(0, 5)
            from graded in both
            from crs in Enum.GetValues<CrsStatus>()
            from highRisk in both
            from pediatric in both
            from tCellEngager in both
            from lateWatch in both
            select new IcansSituation(grade, graded, crs, highRisk, pediatric, tCellEngager, lateWatch, MonitoringState.InWindow, 5);
        foreach (var situation in situations)
        {
            var matching = management.Where(t => t.AppliesTo.Matches(situation)).ToList();
            if (matching.Count != 1)
            {
                throw new CardContentException(
                    matching.Count == 0 ? "patient-view/management" : matching[1].File,
                    matching.Count == 0 ? "-" : matching[1].Id,
                    "appliesTo",
                    $"{matching.Count} management cards apply to {situation} ({string.Join(", ", matching.Select(t => t.Id))}); every situation needs exactly one");
            }
        }
    }

    private static JsonElement ParseJson(string file, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, ReadOptions);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CardContentException(file, "-", "-", $"not valid JSON ({e.Message})");
        }
    }

    internal static CardTemplate Parse(string file, string json)
    {
        var root = ParseJson(file, json);
        var reader = new ContentReader(file, root);
        var id = reader.RequiredString(root, "id");
        reader.Card = id;
        var applies = reader.Required(root, "appliesTo");

        return new CardTemplate(
            id,
            file,
            new CardApplicability(
                reader.RequiredString(applies, "hook", "appliesTo.hook"),
                reader.RequiredString(applies, "kind", "appliesTo.kind"),
                reader.OptionalString(applies, "status"),
                reader.OptionalIntArray(applies, "grades", "appliesTo.grades"),
                reader.OptionalBool(applies, "crs"),
                reader.OptionalBool(applies, "highRiskProduct"),
                reader.OptionalBool(applies, "pediatric"),
                reader.OptionalBool(applies, "tCellEngager"),
                reader.OptionalBool(applies, "lateWatch"),
                reader.OptionalString(applies, "finding"),
                reader.OptionalBool(applies, "assessmentOverdue"),
                reader.OptionalBool(applies, "crsDocumented")),
            reader.RequiredString(root, "summary"),
            reader.OptionalText(root, "detail"),
            reader.Indicator(root),
            root.TryGetProperty("source", out var source)
                ? new SourceContent(
                    reader.RequiredString(source, "label", "source.label"),
                    reader.OptionalString(source, "url"),
                    source.TryGetProperty("topic", out var topic) ? reader.Coding(topic, "source.topic") : null)
                : null,
            reader.Array(root, "suggestions").Select((s, i) => reader.Suggestion(s, $"suggestions[{i}]")).ToList(),
            reader.OptionalString(root, "selectionBehavior"),
            reader.Array(root, "links").Select((l, i) => new LinkContent(
                reader.RequiredString(l, "label", $"links[{i}].label"),
                reader.RequiredString(l, "url", $"links[{i}].url"),
                reader.RequiredString(l, "type", $"links[{i}].type"),
                reader.AppContext(l, $"links[{i}].appContext"))).ToList(),
            reader.Array(root, "overrideReasons").Select((c, i) => reader.Coding(c, $"overrideReasons[{i}]")).ToList(),
            reader.Array(root, "guidelines").Select((g, i) => g.ValueKind == JsonValueKind.String && g.GetString() is { Length: > 0 } s
                ? s
                : throw new CardContentException(file, id, $"guidelines[{i}]", "must be a non-empty string")).ToList());
    }

    /// <summary>One validator per part of the card, in the order a reader meets them; the first problem stops start-up.</summary>
    private static void Validate(CardTemplate card, IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> placeholdersByKind)
    {
        AppliesToValidator.Check(card, placeholdersByKind.Keys);
        var placeholders = new PlaceholderValidator(card, placeholdersByKind[card.AppliesTo.Kind]);
        TextValidator.Check(card, placeholders);
        IndicatorValidator.Check(card);
        SourceValidator.Check(card, placeholders);
        SectionValidator.Check(card);
        GuidelineValidator.Check(card);
        SuggestionValidator.Check(card, placeholders);
        OverrideReasonValidator.Check(card);
        LinkValidator.Check(card, placeholders);
    }

    /// <summary>Reads content JSON with errors that name the file, card and field.</summary>
    private sealed class ContentReader(string file, JsonElement root)
    {
        public string Card { get; set; } = "-";

        private CardContentException Error(string field, string problem) => new(file, Card, field, problem);

        public JsonElement Required(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
                ? v
                : throw Error(name, "is required and must be an object");

        public string RequiredString(JsonElement e, string name, string? field = null) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw Error(field ?? name, "is required and must be a non-empty string");

        public string? OptionalString(JsonElement e, string name) =>
            !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()
            : throw Error(name, "must be a string");

        /// <summary>A SMART link's appContext: a string, or a JSON object written as its compact text (what the EHR hands the app).</summary>
        public string? AppContext(JsonElement e, string field) =>
            !e.TryGetProperty("appContext", out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()
            : v.ValueKind == JsonValueKind.Object ? JsonSerializer.Serialize(v)
            : throw Error(field, "must be a string or a JSON object");

        /// <summary>A string, or an array of lines joined by newlines (long markdown reads better as lines).</summary>
        public string? OptionalText(JsonElement e, string name) =>
            !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()
            : v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(l => l.ValueKind == JsonValueKind.String)
                ? string.Join('\n', v.EnumerateArray().Select(l => l.GetString()))
                : throw Error(name, "must be a string or an array of strings");

        public bool? OptionalBool(JsonElement e, string name) =>
            !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
            : throw Error($"appliesTo.{name}", "must be true or false");

        public List<int>? OptionalIntArray(JsonElement e, string name, string field) =>
            !e.TryGetProperty(name, out var v) ? null
            : v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out _))
                ? [.. v.EnumerateArray().Select(i => i.GetInt32())]
                : throw Error(field, "must be an array of integers");

        public List<JsonElement> Array(JsonElement e, string name) =>
            !e.TryGetProperty(name, out var v) ? []
            : v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()]
            : throw Error(name, "must be an array");

        public CodingContent Coding(JsonElement e, string field) => new(
            RequiredString(e, "system", $"{field}.system"),
            RequiredString(e, "code", $"{field}.code"),
            OptionalString(e, "display"));

        public IndicatorRule Indicator(JsonElement e)
        {
            if (!e.TryGetProperty("indicator", out var v))
            {
                throw Error("indicator", "is required");
            }

            if (v.ValueKind == JsonValueKind.String)
            {
                return new IndicatorRule(v.GetString(), null);
            }

            if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("byGrade", out var byGrade) && byGrade.ValueKind == JsonValueKind.Object)
            {
                var map = new Dictionary<int, string>();
                foreach (var p in byGrade.EnumerateObject())
                {
                    if (!int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var grade) || p.Value.ValueKind != JsonValueKind.String)
                    {
                        throw Error($"indicator.byGrade.{p.Name}", "keys are grades 0-4 and values indicator strings");
                    }

                    map[grade] = p.Value.GetString()!;
                }

                return new IndicatorRule(null, map);
            }

            throw Error("indicator", "must be info|warning|critical or {\"byGrade\": {\"0\": ...}}");
        }

        public SuggestionTemplate Suggestion(JsonElement e, string field) => new(
            RequiredString(e, "label", $"{field}.label"),
            e.TryGetProperty("isRecommended", out var r) && r.ValueKind == JsonValueKind.True,
            Array(e, "actions").Select((a, i) => new ActionTemplate(
                RequiredString(a, "type", $"{field}.actions[{i}].type"),
                RequiredString(a, "description", $"{field}.actions[{i}].description"),
                a.TryGetProperty("resource", out var resource)
                    ? resource.ValueKind is JsonValueKind.Object or JsonValueKind.String
                        ? JsonNode.Parse(resource.GetRawText())
                        : throw Error($"{field}.actions[{i}].resource", "must be an object or a JSON placeholder")
                    : null,
                OptionalString(a, "resourceId"))).ToList(),
            !e.TryGetProperty("pediatric", out var p) ? null
            : p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean()
            : throw Error($"{field}.pediatric", "must be true or false"));

        public override string ToString() => $"{file} ({root.ValueKind})";
    }
}
