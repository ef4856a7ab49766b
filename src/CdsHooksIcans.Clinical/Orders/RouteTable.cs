using System.Collections.Frozen;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// How an order's route and dose unit are read, from <c>cards/data/order-reading.json</c>: route codes and words per
/// <see cref="RouteKind"/>, the dose-form words that give a product's route, and the units that mean one unit of product.
/// </summary>
public sealed class RouteTable
{
    /// <summary>The file, relative to the cards folder.</summary>
    public const string RelativePath = "data/order-reading.json";

    private readonly FrozenDictionary<CodeKey, RouteKind> _codes;
    private readonly (string Word, RouteKind Kind)[] _words;
    private readonly (string Word, RouteKind Kind)[] _formWords;
    private readonly FrozenSet<string> _productUnits;

    private RouteTable(FrozenDictionary<CodeKey, RouteKind> codes, (string, RouteKind)[] words, (string, RouteKind)[] formWords, FrozenSet<string> productUnits)
    {
        _codes = codes;
        _words = words;
        _formWords = formWords;
        _productUnits = productUnits;
    }

    /// <summary>The route kind of a dosage's route: a known code first, then the words of its text and displays.</summary>
    public RouteKind Kind(CodeableConcept? route)
    {
        if (route is null)
        {
            return RouteKind.Unknown;
        }

        foreach (var coding in route.Coding)
        {
            if (coding.System is { } system && coding.Code is { } code && _codes.TryGetValue(new CodeKey(system, code), out var kind))
            {
                return kind;
            }
        }

        return Match(_words, string.Join(' ', [route.Text, .. route.Coding.Select(c => c.Display)]), insideWords: false);
    }

    /// <summary>The route kind a product's dose form implies ("Oral Tablet": oral), or unknown.</summary>
    public RouteKind FormKind(string? doseForm) => doseForm is null ? RouteKind.Unknown : Match(_formWords, doseForm, insideWords: true);

    /// <summary>Whether a dose unit means one unit of the product (a tablet, a capsule).</summary>
    public bool IsProductUnit(string? unit) => unit is not null && _productUnits.Contains(unit.Trim());

    // Longest phrases first, so "iv piggyback" wins over a shorter word. Route words match whole words only ("po" is not in
    // "dipole", "enteral" not in "parenteral"); dose-form words may match inside a word ("inhal" in "Inhalation Powder").
    // The words are stored padded with spaces, so matching allocates only the padded text.
    private static RouteKind Match((string Word, RouteKind Kind)[] words, string text, bool insideWords)
    {
        var padded = " " + new string([.. text.Select(c => char.IsLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : ' ')]) + " ";
        foreach (var (word, kind) in words)
        {
            if (padded.Contains(insideWords ? word.AsSpan(1, word.Length - 2) : word, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return RouteKind.Unknown;
    }

    private static (string, RouteKind)[] Padded(List<(string Word, RouteKind Kind)> words) =>
        [.. words.OrderByDescending(w => w.Word.Length).Select(w => (" " + w.Word + " ", w.Kind))];

    /// <summary>Loads and validates the file; errors name the file, the entry and the field.</summary>
    public static RouteTable Load(string cardsDirectory)
    {
        void Fail(string entry, string field, string problem) => throw new CardContentException(RelativePath, entry, field, problem);
        var root = CardDataFile.Read(cardsDirectory, RelativePath);

        var codes = new Dictionary<CodeKey, RouteKind>();
        var words = new List<(string, RouteKind)>();
        var formWords = new List<(string, RouteKind)>();
        foreach (var (entry, index) in (root["routes"] as JsonArray ?? []).Select((e, i) => (e as JsonObject, i)))
        {
            var name = $"routes[{index}]";
            if (entry?["kind"]?.GetValue<string>() is not { } code || !EnumCodes.TryParse<RouteKind>(code, out var kind) || kind == RouteKind.Unknown)
            {
                Fail(name, "kind", "one of intravenous, oral, other-systemic, local");
                return null!;
            }

            foreach (var coding in entry["codes"] as JsonArray ?? [])
            {
                if (coding?["system"]?.GetValue<string>() is not { Length: > 0 } system || coding["code"]?.GetValue<string>() is not { Length: > 0 } value
                    || !codes.TryAdd(new CodeKey(system, value), kind))
                {
                    Fail(name, "codes", "each code has a system and a code, and belongs to one kind only");
                }
            }

            words.AddRange(Words(entry["words"], name, "words", Fail).Select(w => (w, kind)));
            formWords.AddRange(Words(entry["formWords"], name, "formWords", Fail).Select(w => (w, kind)));
        }

        if (!Enum.GetValues<RouteKind>().Where(k => k != RouteKind.Unknown).All(k => codes.ContainsValue(k) || words.Any(w => w.Item2 == k)))
        {
            Fail("-", "routes", "every route kind has codes or words");
        }

        var units = Words(root["productUnits"], "-", "productUnits", Fail, lowerCase: false);
        return new RouteTable(
            codes.ToFrozenDictionary(),
            Padded(words),
            Padded(formWords),
            units.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    private static List<string> Words(JsonNode? node, string entry, string field, Action<string, string, string> fail, bool lowerCase = true)
    {
        var words = new List<string>();
        foreach (var item in node as JsonArray ?? [])
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var word) || string.IsNullOrWhiteSpace(word)
                || (lowerCase && !string.Equals(word, word.ToLowerInvariant(), StringComparison.Ordinal)))
            {
                fail(entry, field, "non-empty strings" + (lowerCase ? " in lower case" : ""));
            }
            else
            {
                words.Add(word.Trim());
            }
        }

        return words;
    }
}
