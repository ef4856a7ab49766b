using System.Text.Json;
using System.Text.RegularExpressions;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The sources cards may cite and the honesty check every content file passes at start-up: every source cited in its
/// text is in its <c>guidelines</c> list, every listed source has a full reference, a source whose text is unverified is
/// not cited, <c>source.url</c> is one of its sources, and no internal note ("not verified") reaches clinical text.
/// </summary>
public sealed partial class CitationTable
{
    /// <summary>The table's path under the cards folder.</summary>
    public const string RelativePath = CardLibrary.DataFolder + "/citations.json";

    private static readonly HashSet<string> Kinds = ["guideline", "review", "study", "research", "label"];
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Dictionary<string, CitedSource> _byId;
    private readonly List<(Regex Pattern, CitedSource Source, string Form)> _forms;
    private readonly IReadOnlyList<string> _internalNotes;

    private CitationTable(IReadOnlyList<CitedSource> sources, IReadOnlyList<string> internalNotes)
    {
        Sources = sources;
        _byId = sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        // Longest forms first, so "Blood Cancer J 2022" is not read as another source's shorter form.
        _forms = [.. sources.SelectMany(s => s.Forms.Select(f => (Pattern: WholeWords(f), Source: s, Form: f))).OrderByDescending(f => f.Form.Length)];
        _internalNotes = internalNotes;
    }

    /// <summary>Every source of the table, the ones cards may not cite included.</summary>
    public IReadOnlyList<CitedSource> Sources { get; }

    /// <summary>Loads and validates <c>cards/data/citations.json</c>; a broken table stops start-up naming the source and field.</summary>
    /// <param name="cardsDirectory">The <c>cards/</c> folder.</param>
    public static CitationTable Load(string cardsDirectory)
    {
        var path = Path.Combine(cardsDirectory, RelativePath);
        if (!File.Exists(path))
        {
            throw new CardContentException(RelativePath, "-", "-", "the citation table does not exist");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), ReadOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CardContentException(RelativePath, "-", "-", $"not valid JSON ({e.Message})");
        }

        return Parse(root);
    }

    internal static CitationTable Parse(JsonElement root)
    {
        static CardContentException Error(string source, string field, string problem) => new(RelativePath, source, field, problem);

        static string? Text(JsonElement e, string name, string source) =>
            !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s
            : throw Error(source, name, "must be a non-empty string");

        if (!root.TryGetProperty("sources", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Error("-", "sources", "is required and must be an array");
        }

        var sources = new List<CitedSource>();
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, i) in list.EnumerateArray().Select((e, i) => (e, i)))
        {
            var id = Text(e, "id", $"sources[{i}]") ?? throw Error($"sources[{i}]", "id", "is required");
            var also = e.TryGetProperty("alsoCitedAs", out var a)
                ? a.ValueKind == JsonValueKind.Array && a.EnumerateArray().All(f => f.ValueKind == JsonValueKind.String && f.GetString() is { Length: > 0 })
                    ? [.. a.EnumerateArray().Select(f => f.GetString()!)]
                    : throw Error(id, "alsoCitedAs", "must be an array of non-empty strings")
                : new List<string>();
            var source = new CitedSource(
                id,
                also,
                Text(e, "kind", id) ?? throw Error(id, "kind", "is required"),
                Text(e, "reference", id),
                Text(e, "url", id),
                Text(e, "verifiedFrom", id),
                Text(e, "notCitable", id));
            foreach (var form in source.Forms)
            {
                if (!forms.Add(form))
                {
                    throw Error(id, "alsoCitedAs", $"'{form}' already cites another source");
                }
            }

            if (!Kinds.Contains(source.Kind))
            {
                throw Error(id, "kind", $"'{source.Kind}' is not one of {string.Join(", ", Kinds)}");
            }

            if (source.NotCitable is null)
            {
                CheckCitable(source, (field, problem) => throw Error(id, field, problem));
            }

            sources.Add(source);
        }

        var notes = root.TryGetProperty("internalNotes", out var n) && n.ValueKind == JsonValueKind.Array
            ? n.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToList()
            : throw Error("-", "internalNotes", "is required: the phrases that mark a note to ourselves, never clinical text");
        return new CitationTable(sources, notes);
    }

    // A citable source has a full reference (a label: its prescribing information), a URL, and says what was verified.
    private static void CheckCitable(CitedSource source, Action<string, string> fail)
    {
        if (source.Reference is null)
        {
            fail("reference", "a citable source needs its full reference");
        }
        else if (source.Kind == "label"
            ? !source.Reference.Contains("prescribing information", StringComparison.OrdinalIgnoreCase)
            : !FullReference().IsMatch(source.Reference))
        {
            fail("reference", source.Kind == "label"
                ? "a label's reference names the product's prescribing information"
                : "must read 'Authors. Title. Journal year;volume(issue):pages. doi:10.x/y' (or PMC id)");
        }

        if (source.Url is null || !Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.Scheme != "https")
        {
            fail("url", "a citable source needs an https URL");
        }

        if (source.VerifiedFrom is null)
        {
            fail("verifiedFrom", "say what the statements cards take from it were verified against");
        }
    }

    /// <summary>
    /// Checks one content file (a card or a data file): its root <c>guidelines</c> lists source ids; every other string
    /// is clinical text whose citations must be listed and citable, and which holds no internal note.
    /// </summary>
    /// <param name="file">The file, relative to the cards folder (for the message).</param>
    /// <param name="root">The file's JSON.</param>
    /// <exception cref="CardContentException">The first problem, naming file, card and field.</exception>
    public void Check(string file, JsonElement root)
    {
        var card = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "-";
        void Fail(string field, string problem) => throw new CardContentException(file, card, field, problem);

        var listed = new HashSet<string>(StringComparer.Ordinal);
        var inOrder = new List<string>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("guidelines", out var guidelines) && guidelines.ValueKind == JsonValueKind.Array)
        {
            foreach (var (g, i) in guidelines.EnumerateArray().Select((g, i) => (g, i)))
            {
                var name = g.ValueKind == JsonValueKind.String ? g.GetString()! : "";
                if (!_byId.TryGetValue(name, out var source))
                {
                    Fail($"guidelines[{i}]", $"'{Shorten(name)}' is not a source id of {RelativePath} (known: {string.Join(", ", _byId.Keys)})");
                }
                else if (source.NotCitable is { } why)
                {
                    Fail($"guidelines[{i}]", $"'{name}' cannot be presented as a source: {why}");
                }

                listed.Add(name);
                inOrder.Add(name);
            }
        }

        var cited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, text) in Strings(root, ""))
        {
            if (field == "source.url")
            {
                if (!listed.Select(l => _byId[l].Url).Contains(text, StringComparer.Ordinal))
                {
                    Fail(field, $"'{text}' is not the URL of any source in the card's guidelines: source names the card's real source");
                }

                continue;
            }

            cited.UnionWith(CheckText(field, text, listed, Fail));
        }

        // A listed source the text never names would read as the source of recommendations it does not make.
        foreach (var (name, i) in inOrder.Select((name, i) => (name, i)).Where(l => !cited.Contains(l.name)))
        {
            Fail($"guidelines[{i}]", $"'{name}' is listed but the text never cites it: list only the sources the text uses");
        }
    }

    // The ids of the sources the text cites.
    private List<string> CheckText(string field, string text, HashSet<string> listed, Action<string, string> fail)
    {
        foreach (var note in _internalNotes.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
        {
            fail(field, $"'{note}' is an internal note, not clinical text: state the fact with its source, or remove it");
        }

        var ids = new List<string>();
        var cited = new List<(int Start, int End)>();
        foreach (var (pattern, source, form) in _forms)
        {
            foreach (Match m in pattern.Matches(text))
            {
                if (cited.Any(c => m.Index >= c.Start && m.Index < c.End))
                {
                    continue;
                }

                cited.Add((m.Index, m.Index + m.Length));
                if (source.NotCitable is { } why)
                {
                    fail(field, $"cites '{form}', whose text is unverified ({why}): remove the statement or cite a verified source");
                }

                if (!listed.Contains(source.Id))
                {
                    fail(field, $"cites '{form}' but the guidelines list does not name '{source.Id}'");
                }

                ids.Add(source.Id);
            }
        }

        // Anything that reads like a citation ("Journal 2023") must be a known source, so a new one cannot slip in unlisted.
        foreach (Match m in CitationLike().Matches(text))
        {
            if (!cited.Any(c => c.End == m.Index + m.Length))
            {
                fail(field, $"'{m.Value}' reads like a citation but is not a source of {RelativePath}: add the source, or reword");
            }
        }

        return ids;
    }

    // Every string in the file with its JSON path, except the guidelines list itself.
    private static IEnumerable<(string Field, string Text)> Strings(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject()
            .Where(p => !(path.Length == 0 && p.Name == "guidelines"))
            .SelectMany(p => Strings(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}")),
        JsonValueKind.Array => e.EnumerateArray().SelectMany((v, i) => Strings(v, $"{path}[{i}]")),
        JsonValueKind.String => [(path, e.GetString()!)],
        _ => [],
    };

    private static Regex WholeWords(string form) => new($@"(?<![\w/]){Regex.Escape(form)}(?![\w/])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    // Capitalised words followed by a year: "Blood 2023", "Nat Cancer 2024", "EBMT/JACIE/EHA 2022".
    [GeneratedRegex(@"(?<![\w/])[A-Z][A-Za-z/\-]*(?: [A-Z][A-Za-z/\-]*)* (?:19|20)\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CitationLike();

    // Authors. Title. Journal year;volume(issue):pages. doi:... or PMC...
    [GeneratedRegex(@"^[A-Z][\w'\-]+(?: [A-Z][\w'\-]+)* [A-Z]{1,3}(?:, [A-Z][\w'\- ]+ [A-Z]{1,3})*(?:, et al)?\. .+\. [A-Z][A-Za-z ]+ (?:19|20)\d{2};\d+(?:\(\d+\))?:[\w\-]+\. (?:doi:10\.\d{4,}/\S+|PMC\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex FullReference();
}
