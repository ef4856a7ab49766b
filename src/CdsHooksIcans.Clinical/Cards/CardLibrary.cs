using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using CdsHooksIcans.Clinical.Terminology;
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

    private static readonly HashSet<string> Indicators = ["info", "warning", "critical"];
    private static readonly HashSet<string> Hooks = ["patient-view", "order-sign"];
    private static readonly HashSet<string> SelectionBehaviors = ["at-most-one", "any"];
    private static readonly HashSet<string> ActionTypes = ["create", "update", "delete"];
    private static readonly HashSet<string> LinkTypes = ["absolute", "smart"];
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly FhirJsonDeserializer StrictFhir = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

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
                reader.RequiredString(l, "type", $"links[{i}].type"))).ToList(),
            reader.Array(root, "overrideReasons").Select((c, i) => reader.Coding(c, $"overrideReasons[{i}]")).ToList(),
            reader.Array(root, "guidelines").Select((g, i) => g.ValueKind == JsonValueKind.String && g.GetString() is { Length: > 0 } s
                ? s
                : throw new CardContentException(file, id, $"guidelines[{i}]", "must be a non-empty string")).ToList());
    }

    private static void Validate(CardTemplate t, IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> placeholdersByKind)
    {
        void Fail(string field, string problem) => throw new CardContentException(t.File, t.Id, field, problem);

        if (!Hooks.Contains(t.AppliesTo.Hook))
        {
            Fail("appliesTo.hook", $"'{t.AppliesTo.Hook}' is not one of {string.Join(", ", Hooks)}");
        }

        if (!placeholdersByKind.TryGetValue(t.AppliesTo.Kind, out var offered))
        {
            Fail("appliesTo.kind", $"'{t.AppliesTo.Kind}' is not a card kind the service renders ({string.Join(", ", placeholdersByKind.Keys.Order(StringComparer.Ordinal))})");
        }

        var specs = offered!.ToDictionary(p => p.Name, StringComparer.Ordinal);

        void CheckPlaceholders(string field, string? text, bool allowJson = false)
        {
            foreach (var name in Placeholders.NamesIn(text))
            {
                if (!specs.TryGetValue(name, out var spec))
                {
                    Fail(field, $"placeholder {{{name}}} does not exist for '{t.AppliesTo.Kind}' cards (known: {string.Join(", ", specs.Keys.Order(StringComparer.Ordinal))})");
                }
                else if (spec.Kind == PlaceholderKind.Json && !allowJson)
                {
                    Fail(field, $"placeholder {{{name}}} is a JSON value and can only stand alone in a resource template");
                }
            }
        }

        var findings = Enum.GetValues<OrderFindingKind>().Select(k => EnumCodes.ToCode(k)).ToList();
        if (t.AppliesTo.Finding is { } finding && !findings.Contains(finding))
        {
            Fail("appliesTo.finding", $"'{finding}' is not one of {string.Join(", ", findings)}");
        }

        if ((t.AppliesTo.Hook == "order-sign") != (t.AppliesTo.Finding is not null))
        {
            Fail("appliesTo.finding", "order-sign cards, and only they, name the order-check finding they answer");
        }

        CheckPlaceholders("summary", t.Summary);
        var longest = Placeholders.Pattern().Replace(t.Summary, m => specs[m.Groups[1].Value].LongestValue);
        if (string.IsNullOrWhiteSpace(t.Summary) || longest.Length > MaxSummaryLength)
        {
            Fail("summary", $"must be 1-{MaxSummaryLength} characters once filled with the longest values; it can reach {longest.Length}: \"{longest}\"");
        }

        CheckPlaceholders("detail", t.Detail);

        if (t.Indicator.Fixed is { } fixedIndicator && !Indicators.Contains(fixedIndicator))
        {
            Fail("indicator", $"'{fixedIndicator}' is not one of info, warning, critical");
        }

        foreach (var (grade, indicator) in t.Indicator.ByGrade ?? new Dictionary<int, string>())
        {
            if (grade is < 0 or > 4 || !Indicators.Contains(indicator))
            {
                Fail($"indicator.byGrade.{grade}", $"'{indicator}' for grade {grade}: grades are 0-4, indicators info, warning, critical");
            }
        }

        if (t.Indicator.ByGrade is not null && t.AppliesTo.Kind is not "grading" and not "management")
        {
            Fail("indicator", "indicator by grade only applies to cards that have a grade");
        }

        var section = t.AppliesTo.Kind == ManagementCards.SectionKind;
        if (section)
        {
            // A section is text its card includes: the card carries the source, override reasons and selection behaviour.
            if (t.Source is not null || t.OverrideReasons.Count > 0 || t.SelectionBehavior is not null)
            {
                Fail(t.Source is not null ? "source" : t.OverrideReasons.Count > 0 ? "overrideReasons" : "selectionBehavior",
                    "a management section uses the source, override reasons and selection behaviour of the card that includes it");
            }

            if (t.Detail?.Contains(ManagementCards.SectionsPlaceholder, StringComparison.Ordinal) == true)
            {
                Fail("detail", "a section cannot include sections");
            }
        }
        else if (t.Source is null)
        {
            Fail("source", "is required and must be an object");
        }
        else
        {
            CheckAbsoluteUrl("source.url", t.Source.Url, Fail);
            CheckPlaceholders("source.label", t.Source.Label);
        }

        if (ManagementCards.HostKinds.Contains(t.AppliesTo.Kind)
            && (t.Detail is null || t.Detail.Split(ManagementCards.SectionsPlaceholder).Length != 2))
        {
            Fail("detail", $"a {t.AppliesTo.Kind} card includes its sections exactly once, with {ManagementCards.SectionsPlaceholder}");
        }

        if (t.Guidelines.Count == 0)
        {
            Fail("guidelines", "every card names the guideline its content comes from");
        }

        if ((t.Suggestions.Count > 0 && !section) && (t.SelectionBehavior is null || !SelectionBehaviors.Contains(t.SelectionBehavior)))
        {
            Fail("selectionBehavior", "cards with suggestions need selectionBehavior at-most-one or any");
        }

        if (t.SelectionBehavior == "at-most-one" && t.Suggestions.Count(s => s.IsRecommended) > 1)
        {
            Fail("suggestions", "at most one suggestion may be recommended with at-most-one");
        }

        for (var i = 0; i < t.Suggestions.Count; i++)
        {
            var suggestion = t.Suggestions[i];
            CheckPlaceholders($"suggestions[{i}].label", suggestion.Label);
            if (suggestion.Actions.Count == 0)
            {
                Fail($"suggestions[{i}].actions", "a suggestion needs at least one action");
            }

            for (var j = 0; j < suggestion.Actions.Count; j++)
            {
                var action = suggestion.Actions[j];
                var field = $"suggestions[{i}].actions[{j}]";
                if (!ActionTypes.Contains(action.Type))
                {
                    Fail($"{field}.type", $"'{action.Type}' is not create, update or delete");
                }

                if (string.IsNullOrWhiteSpace(action.Description))
                {
                    Fail($"{field}.description", "every action needs a description");
                }

                CheckPlaceholders($"{field}.description", action.Description);
                CheckPlaceholders($"{field}.resourceId", action.ResourceId);
                if (action.Type == "delete" && (action.ResourceId is null || action.Resource is not null))
                {
                    Fail(field, "a delete action has a resourceId and no resource");
                }

                if (action.Type != "delete")
                {
                    if (action.Resource is null)
                    {
                        Fail($"{field}.resource", "create and update actions carry a complete resource");
                    }

                    foreach (var text in StringsIn(action.Resource!))
                    {
                        CheckPlaceholders($"{field}.resource", text, allowJson: true);
                    }

                    if (action.Resource is JsonValue placeholder
                        && (Placeholders.Pattern().Match(placeholder.GetValue<string>()) is not { Success: true } whole || whole.Length != placeholder.GetValue<string>().Length
                            || specs[whole.Groups[1].Value].Kind != PlaceholderKind.Json))
                    {
                        Fail($"{field}.resource", "a resource is a FHIR resource template, or a string that is one JSON placeholder");
                    }

                    var sample = TemplateFiller.FillResource(action.Resource!, specs.Values.ToDictionary(s => s.Name, s => PlaceholderValue.Sample(s), StringComparer.Ordinal));
                    if (sample is null)
                    {
                        Fail($"{field}.resource", "the placeholder must fill to a resource");
                    }
                    else if (!StrictFhir.TryDeserializeResource(sample.ToJsonString(), out _, out var issues))
                    {
                        Fail($"{field}.resource", "not a valid FHIR R4 resource once filled: " + string.Join("; ", issues.Take(3).Select(e => e.Message)));
                    }
                }
            }
        }

        for (var i = 0; i < t.OverrideReasons.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(t.OverrideReasons[i].Display))
            {
                Fail($"overrideReasons[{i}].display", "every override reason needs a display");
            }
        }

        for (var i = 0; i < t.Links.Count; i++)
        {
            var link = t.Links[i];
            CheckAbsoluteUrl($"links[{i}].url", link.Url, Fail);
            if (Placeholders.NamesIn(link.Url).Any())
            {
                Fail($"links[{i}].url", "link URLs come only from content, never from patient data");
            }

            if (!LinkTypes.Contains(link.Type))
            {
                Fail($"links[{i}].type", $"'{link.Type}' is not absolute or smart");
            }
        }
    }

    private static void CheckAbsoluteUrl(string field, string? url, Action<string, string> fail)
    {
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            fail(field, $"'{url}' is not an absolute http(s) URL");
        }
    }

    private static IEnumerable<string> StringsIn(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : StringsIn(p.Value)),
        JsonArray a => a.SelectMany(v => v is null ? [] : StringsIn(v)),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

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
