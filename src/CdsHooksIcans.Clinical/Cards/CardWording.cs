using System.Collections.Frozen;
using System.Text.Json;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The sentences cards are built from where the service composes text from the assessment (the grading card's notes,
/// the steps that complete an assessment, the advice to re-assess an attributed finding), from
/// <c>cards/data/wording.json</c>. Every phrase is keyed; the keys and the placeholders each may use are fixed here, so
/// the content is validated at start-up and a test can name the wording it expects by key.
/// </summary>
public sealed class CardWording
{
    /// <summary>The file, relative to the cards folder.</summary>
    public const string RelativePath = "data/wording.json";

    /// <summary>The reassessment advice used when no rule's words occur in the charted cause.</summary>
    public const string DefaultReassessment = "default";

    /// <summary>Every phrase the service uses, with the placeholders it may fill.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> PhraseSpecs { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        // The grading card's notes.
        [Keys.Incomplete] = ["gaps", "lowerBound"],
        [Keys.NotDone] = ["tool", "time", "reason", "lastScore", "lastTime"],
        [Keys.NotDoneFirst] = ["tool", "time", "reason"],
        [Keys.Reason] = ["text"],
        [Keys.FindingPersists] = ["finding", "time", "later", "normal"],
        [Keys.FindingResolved] = ["finding", "time", "normal", "resolvedTime"],
        [Keys.Excluded] = ["finding", "time", "cause", "reassess"],
        [Keys.Cause] = ["text"],
        [Keys.NoCause] = [],
        [Keys.LateOnset] = [],
        [Keys.InfusionDateUnknown] = [],
        [Keys.Unavailable] = ["key", "reason"],
        [Keys.PriorGrade] = ["grade", "date", "reference"],
        // How a management card asks to complete an incomplete assessment.
        [Keys.CompleteAssessment] = ["steps"],
        [Keys.CompleteUntil] = ["lowerBound"],
        [Keys.StepNotDone] = ["tool", "toolItems", "time", "reason"],
        [Keys.StepNone] = ["tool", "toolItems"],
        [Keys.StepConsciousness] = [],
        [Keys.StepOverdue] = ["tool", "time"],
        [Keys.ToolIce] = [],
        [Keys.ToolCapd] = [],
        [Keys.SteroidEscalate] = ["order", "shortfall", "required"],
        [Keys.SteroidMeets] = ["orders"],
        [Keys.SteroidUnreadable] = ["order", "required"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The placeholders reassessment advice may fill.</summary>
    public static IReadOnlyList<string> ReassessmentPlaceholders { get; } = ["tool"];

    private readonly FrozenDictionary<string, string> _phrases;

    private CardWording(FrozenDictionary<string, string> phrases, IReadOnlyList<ReassessmentRule> reassessment)
    {
        _phrases = phrases;
        Reassessment = reassessment;
    }

    /// <summary>The reassessment rules in file order; the last is <see cref="DefaultReassessment"/>.</summary>
    public IReadOnlyList<ReassessmentRule> Reassessment { get; }

    /// <summary>The phrase template of a key, for tests that look for its wording.</summary>
    public string Template(string key) => _phrases[key];

    /// <summary>
    /// A phrase filled as markdown: text values are escaped, markdown values (other phrases) go in as they are, and
    /// spacing is kept exactly, so a phrase can be a fragment of another.
    /// </summary>
    public string Fill(string key, IReadOnlyDictionary<string, PlaceholderValue>? values = null) =>
        FillTemplate(_phrases[key], values);

    /// <summary>The advice for an attributed finding: the first rule with a word in the cause, else the default.</summary>
    public ReassessmentRule ReassessmentFor(string? cause) =>
        (cause is null ? null : Reassessment.FirstOrDefault(r => r.CauseContains.Any(word => cause.Contains(word, StringComparison.OrdinalIgnoreCase))))
        ?? Reassessment[^1];

    /// <summary>Loads and validates the wording file; errors name the file, the phrase and the problem.</summary>
    public static CardWording Load(string cardsDirectory)
    {
        var path = Path.Combine(cardsDirectory, RelativePath);
        static CardContentException Error(string phrase, string field, string problem) => new(RelativePath, phrase, field, problem);
        if (!File.Exists(path))
        {
            throw Error("-", "-", "the wording file does not exist");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Error("-", "-", $"not valid JSON ({e.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("phrases", out var phrases) || phrases.ValueKind != JsonValueKind.Object)
        {
            throw Error("-", "phrases", "is required and must be an object of key to text");
        }

        var loaded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var phrase in phrases.EnumerateObject())
        {
            if (!PhraseSpecs.TryGetValue(phrase.Name, out var allowed))
            {
                throw Error(phrase.Name, "phrases", $"'{phrase.Name}' is not a phrase the service uses ({string.Join(", ", PhraseSpecs.Keys.Order(StringComparer.Ordinal))})");
            }

            if (phrase.Value.ValueKind != JsonValueKind.String || phrase.Value.GetString() is not { Length: > 0 } text)
            {
                throw Error(phrase.Name, "phrases." + phrase.Name, "must be a non-empty string");
            }

            CheckPlaceholders(phrase.Name, "phrases." + phrase.Name, text, allowed);
            loaded[phrase.Name] = text;
        }

        if (PhraseSpecs.Keys.FirstOrDefault(key => !loaded.ContainsKey(key)) is { } missing)
        {
            throw Error(missing, "phrases", $"the phrase '{missing}' is missing");
        }

        return new CardWording(loaded.ToFrozenDictionary(StringComparer.Ordinal), ReadReassessment(root));
    }

    private static List<ReassessmentRule> ReadReassessment(JsonElement root)
    {
        static CardContentException Error(string rule, string field, string problem) => new(RelativePath, rule, field, problem);
        if (!root.TryGetProperty("reassessment", out var rules) || rules.ValueKind != JsonValueKind.Array)
        {
            throw Error("-", "reassessment", "is required and must be an array of rules");
        }

        var read = new List<ReassessmentRule>();
        foreach (var (rule, index) in rules.EnumerateArray().Select((r, i) => (r, i)))
        {
            var field = $"reassessment[{index}]";
            var key = rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "";
            if (key.Length == 0 || read.Any(r => r.Key == key))
            {
                throw Error(key.Length == 0 ? "-" : key, field + ".key", "each rule has a distinct, non-empty key");
            }

            if (!rule.TryGetProperty("text", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() is not { Length: > 0 } text)
            {
                throw Error(key, field + ".text", "must be a non-empty string");
            }

            CheckPlaceholders(key, field + ".text", text, ReassessmentPlaceholders);
            List<string> words = rule.TryGetProperty("causeContains", out var c) && c.ValueKind == JsonValueKind.Array && c.GetArrayLength() > 0
                && c.EnumerateArray().All(w => w.ValueKind == JsonValueKind.String && w.GetString()!.Trim().Length > 0)
                    ? [.. c.EnumerateArray().Select(w => w.GetString()!)]
                    : key == DefaultReassessment && !rule.TryGetProperty("causeContains", out _)
                        ? []
                        : throw Error(key, field + ".causeContains", "must be a list of non-empty words (the default rule has none)");
            read.Add(new ReassessmentRule(key, words, text));
        }

        if (read.Count == 0 || read[^1].Key != DefaultReassessment || read.Count(r => r.Key == DefaultReassessment) != 1)
        {
            throw Error(DefaultReassessment, "reassessment", $"the last rule, and only it, is '{DefaultReassessment}', used when no cause matches");
        }

        return read;
    }

    private static void CheckPlaceholders(string phrase, string field, string text, IReadOnlyList<string> allowed)
    {
        if (Placeholders.NamesIn(text).FirstOrDefault(name => !allowed.Contains(name)) is { } unknown)
        {
            throw new CardContentException(RelativePath, phrase, field,
                $"placeholder {{{unknown}}} does not exist here (known: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))})");
        }
    }

    private static string FillTemplate(string template, IReadOnlyDictionary<string, PlaceholderValue>? values)
    {
        if (values is null || values.Count == 0)
        {
            return template;
        }

        var escaped = values.ToDictionary(
            v => v.Key,
            v => v.Value.Kind == PlaceholderKind.Text ? PlaceholderValue.FromMarkdown(TemplateFiller.EscapeMarkdown(v.Value.Text)) : v.Value,
            StringComparer.Ordinal);
        return TemplateFiller.FillText(template, escaped);
    }

    /// <summary>The phrase keys, as the code and the tests name them.</summary>
    public static class Keys
    {
        public const string Incomplete = "incomplete";
        public const string NotDone = "not-done";
        public const string NotDoneFirst = "not-done-first";
        public const string Reason = "reason";
        public const string FindingPersists = "finding-persists";
        public const string FindingResolved = "finding-resolved";
        public const string Excluded = "excluded";
        public const string Cause = "cause";
        public const string NoCause = "no-cause";
        public const string LateOnset = "late-onset";
        public const string InfusionDateUnknown = "infusion-date-unknown";
        public const string Unavailable = "unavailable";
        public const string PriorGrade = "prior-grade";
        public const string CompleteAssessment = "complete-assessment";
        public const string CompleteUntil = "complete-until";
        public const string StepNotDone = "step-not-done";
        public const string StepNone = "step-none";
        public const string StepConsciousness = "step-consciousness";
        public const string StepOverdue = "step-overdue";
        public const string ToolIce = "tool-ice";
        public const string ToolCapd = "tool-capd";
        public const string SteroidEscalate = "steroid-escalate";
        public const string SteroidMeets = "steroid-meets";
        public const string SteroidUnreadable = "steroid-unreadable";
    }
}
