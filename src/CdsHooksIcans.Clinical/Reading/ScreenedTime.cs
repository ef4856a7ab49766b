using System.Globalization;
using System.Text.Json;
using CdsHooksIcans.Clinical.Extraction;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// The time <see cref="FindingsExtractor"/> gives an Observation (effective[x], else <c>issued</c>), read from its JSON
/// only when the screen can read it exactly as the extractor does.
/// </summary>
internal static class ScreenedTime
{
    /// <summary>The observation's time; null when the screen cannot read it exactly, and the observation is kept.</summary>
    public static DateTimeOffset? Of(in ScreenedProperties read)
    {
        var forms = (read.EffectiveDateTime is null ? 0 : 1) + (read.EffectivePeriod is null ? 0 : 1) + (read.EffectiveInstant is null ? 0 : 1);
        return forms switch
        {
            0 => ExactTime(read.Issued),
            > 1 => null,
            _ when read.EffectivePeriod is { } period => period.ValueKind != JsonValueKind.Object ? null : PeriodEnd(period) switch
            {
                // A period without an end falls back to issued, as in the extractor.
                (true, null) => ExactTime(read.Issued),
                (true, { } end) => ExactTime(end),
                _ => null,
            },
            _ => ExactTime(read.EffectiveDateTime ?? read.EffectiveInstant),
        };
    }

    private static (bool Readable, JsonElement? End) PeriodEnd(JsonElement period)
        => ExactJson.TryProperty(period, "end"u8, out var end) ? (true, end) : (false, null);

    private static DateTimeOffset? ExactTime(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[ExactJson.TextBufferLength];
        return DateTimeOffset.TryParseExact(ExactJson.Text(text, buffer), FhirTimes.FullDateTimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : null;
    }
}
