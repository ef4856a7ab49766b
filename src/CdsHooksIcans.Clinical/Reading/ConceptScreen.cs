using System.Text.Json;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// Reads a CodeableConcept's JSON for the screen: whether one of its codings is a code the rules read, and the words a
/// drug may be recognised by. Whatever it cannot read exactly counts as a match, so the resource is kept.
/// </summary>
internal sealed class ConceptScreen(IcansTerminology terminology)
{
    /// <summary>
    /// True when a coding of the concept is known, or when its shape is not what FHIR JSON says (the parser may still
    /// read it); false only when every coding is readable and none is known, or there is no concept or no coding.
    /// </summary>
    public bool CodesMayMatch(JsonElement? concept, Func<CodeKey, bool> known) => CodesMayMatch(concept, known, out _);

    /// <param name="concept">The CodeableConcept as JSON.</param>
    /// <param name="known">Whether a code is one the rules read.</param>
    /// <param name="match">The first known code; null when none is, or when the concept is kept for its shape.</param>
    public bool CodesMayMatch(JsonElement? concept, Func<CodeKey, bool> known, out CodeKey? match)
    {
        match = null;
        if (concept is not { } value)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (!ExactJson.TryProperty(value, "coding"u8, out var coding))
        {
            return true;
        }

        switch (coding?.ValueKind)
        {
            case null:
                return false;
            case JsonValueKind.Object:
                // A single coding where a list belongs is read as a list of one (FhirJson.Readable), so it is screened as one.
                return CodingMayMatch(coding.Value, known, out match);
            case JsonValueKind.Array:
                foreach (var item in coding.Value.EnumerateArray())
                {
                    if (CodingMayMatch(item, known, out match))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// The concept's text and its codings' displays, joined as <see cref="DrugRecognition.Recognise"/> joins them; null when
    /// one is not a single plain string (the screen then keeps the resource). Called on concepts whose codings
    /// <see cref="CodesMayMatch(JsonElement?, Func{CodeKey, bool})"/> could read.
    /// </summary>
    public static string? Words(JsonElement concept)
    {
        if (!ExactJson.TryProperties(concept, "text"u8, out var text, "coding"u8, out var coding))
        {
            return null;
        }

        List<string?> words = [];
        if (!TryAddString(words, text))
        {
            return null;
        }

        // A single coding where a list belongs is read as a list of one, as in CodesMayMatch.
        IEnumerable<JsonElement> codings = coding switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
            var single => [single.Value],
        };
        foreach (var item in codings)
        {
            if (!ExactJson.TryProperty(item, "display"u8, out var display) || !TryAddString(words, display))
            {
                return null;
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Adds a string element's value (null when absent); false when the element is not a JSON string.</summary>
    private static bool TryAddString(List<string?> words, JsonElement? element)
    {
        if (element is { ValueKind: not JsonValueKind.String })
        {
            return false;
        }

        words.Add(element?.GetString());
        return true;
    }

    private bool CodingMayMatch(JsonElement coding, Func<CodeKey, bool> known, out CodeKey? match)
    {
        match = null;
        if (coding.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (!ExactJson.TryProperties(coding, "system"u8, out var system, "code"u8, out var code))
        {
            return true;
        }

        if (system is { ValueKind: not JsonValueKind.String } || code is { ValueKind: not JsonValueKind.String })
        {
            return true;
        }

        if (system is not { } systemValue || code is not { } codeValue)
        {
            return false;
        }

        // A code the terminology does not hold is known to none of its lookups, and most codes of a chart are such: they
        // are decoded onto the stack, not into strings.
        Span<char> systemBuffer = stackalloc char[ExactJson.TextBufferLength];
        Span<char> codeBuffer = stackalloc char[ExactJson.TextBufferLength];
        var systemText = ExactJson.Text(systemValue, systemBuffer);
        var codeText = ExactJson.Text(codeValue, codeBuffer);
        if (systemText.IsEmpty || codeText.IsEmpty || !terminology.TryFindCode(systemText, codeText, out var key) || !known(key))
        {
            return false;
        }

        match = key;
        return true;
    }
}
