using System.Globalization;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// The times the rules give resources: an Observation's effective[x] (else <c>issued</c>), the start of a therapy's
/// effective[x] or performed[x], and a FHIR dateTime read as UTC when it has no offset.
/// </summary>
internal static class FhirTimes
{
    /// <summary>The usual full date-time forms, read without the SDK (also by the resource screen).</summary>
    public static readonly string[] FullDateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>When the observation was made: effective[x] (a period's end), else <c>issued</c>.</summary>
    public static DateTimeOffset? Of(Observation observation) => observation.Effective switch
    {
        FhirDateTime dateTime => Read(dateTime),
        Period period => Read(period.EndElement),
        Instant instant => instant.Value,
        _ => null,
    } ?? observation.Issued;

    /// <summary>When a dateTime or a period starts.</summary>
    public static DateTimeOffset? StartOf(DataType? value) => value switch
    {
        FhirDateTime dateTime => Read(dateTime),
        Period period => Read(period.StartElement),
        _ => null,
    };

    // FHIR times without an offset are read as UTC: the contract's times all carry one; this only keeps odd data usable.
    public static DateTimeOffset? Read(FhirDateTime? dateTime)
    {
        if (dateTime?.Value is not { } value)
        {
            return null;
        }

        // Fast path for the usual full date-time; partial dates go through the SDK's own rules.
        return DateTimeOffset.TryParseExact(value, FullDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            || dateTime.TryToDateTimeOffset(TimeSpan.Zero, out time)
                ? time
                : null;
    }
}
