using System.Runtime.InteropServices;
using System.Text.Json;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// Reads properties and strings of JSON exactly as the FHIR parser would, or says it cannot: a repeated or escaped name is
/// left to the parser, whose choice the screen must not guess.
/// </summary>
internal static class ExactJson
{
    /// <summary>Codes and times are decoded onto the stack up to this length (longer ones into strings).</summary>
    public const int TextBufferLength = 256;

    /// <summary>
    /// An object's properties <paramref name="firstName"/> and <paramref name="secondName"/>, null when absent; false when a
    /// name is escaped or one of the two repeats, which the screen cannot read as the parser would.
    /// </summary>
    public static bool TryProperties(
        JsonElement obj, ReadOnlySpan<byte> firstName, out JsonElement? first, ReadOnlySpan<byte> secondName, out JsonElement? second)
    {
        (first, second) = (null, null);
        foreach (var property in obj.EnumerateObject())
        {
            if (!TryRawName(property, out var name)
                || (name.SequenceEqual(firstName) && !Assign(ref first, property.Value))
                || (name.SequenceEqual(secondName) && !Assign(ref second, property.Value)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An object's property <paramref name="name"/>, as <see cref="TryProperties"/> reads two.</summary>
    public static bool TryProperty(JsonElement obj, ReadOnlySpan<byte> name, out JsonElement? value)
    {
        value = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (!TryRawName(property, out var raw) || (raw.SequenceEqual(name) && !Assign(ref value, property.Value)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A JSON string's text as the parser reads it, decoded into <paramref name="buffer"/> when it fits, so that screening
    /// makes no string; a longer one is read into a string.
    /// </summary>
    public static ReadOnlySpan<char> Text(JsonElement value, Span<char> buffer)
    {
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(value));
        reader.Read();

        // UTF-8 never takes fewer bytes than the UTF-16 characters it decodes to, escapes included.
        return reader.ValueSpan.Length <= buffer.Length ? buffer[..reader.CopyString(buffer)] : value.GetString();
    }

    /// <summary>
    /// The property's name as raw UTF-8, to compare without decoding; false when it is written with escapes, which the
    /// screen does not decode (the parser does): the caller keeps the resource.
    /// </summary>
    public static bool TryRawName(JsonProperty property, out ReadOnlySpan<byte> name)
    {
        name = JsonMarshal.GetRawUtf8PropertyName(property);
        return !name.Contains((byte)'\\');
    }

    /// <summary>Takes a property's value; false when the slot already has one (the name is repeated).</summary>
    public static bool Assign(ref JsonElement? slot, JsonElement value)
    {
        if (slot is not null)
        {
            return false;
        }

        slot = value;
        return true;
    }
}
