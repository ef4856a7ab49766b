using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// Decides on a resource's JSON, before it is parsed into the FHIR model, whether the service's rules
/// (<see cref="FindingsExtractor"/>, <see cref="Orders.OrderReader"/>) could read anything from it. Parsing is most of a
/// hook call's cost, and most of what a chart holds says nothing about ICANS (docs/adr/0008-screen-prefetch-before-parsing.md).
/// </summary>
/// <remarks>
/// The screen errs only towards keeping: a resource whose codes or time it cannot read exactly is kept, and the parser
/// and the extractor decide about it as they would without the screen. A property the screen reads that appears twice in
/// one object is not FHIR JSON, and which copy a parser takes is its own choice: such a resource is kept too. Dropping is
/// reserved for resources the extractor would certainly ignore: a type it does not read, codes it does not know, or an
/// observation of a graded domain made before any grading window can start.
/// </remarks>
public sealed class ResourceScreen(IcansTerminology terminology)
{
    // Codes and times are decoded onto the stack up to this length (longer ones into strings).
    private const int TextBufferLength = 256;

    private readonly Func<CodeKey, bool> _isCarTAdministration = key => terminology.Contains(IcansCanonicals.CarTAdministration, key);

    private readonly Func<CodeKey, bool> _isGradedCondition = key => terminology.Contains(IcansCanonicals.CrsConditions, key)
        || terminology.Contains(IcansCanonicals.IcansConditions, key)
        || terminology.Contains(IcansCanonicals.CarTHistory, key)
        || terminology.Contains(IcansCanonicals.LateNeurotoxicityConditions, key);

    // Delegates made once, not per resource screened.
    private readonly Func<CodeKey, bool> _isIecTherapy = terminology.IsIecTherapy;

    private readonly Func<CodeKey, bool> _isObservationCode = key => terminology.ObservationKindOf(key) is not null;

    private readonly DrugRecognition _drugs = new(terminology);

    /// <summary>Whether the resource may contribute to a grade or an order check.</summary>
    /// <param name="resource">One resource as JSON (a Bundle entry's <c>resource</c>).</param>
    /// <param name="observedSince">
    /// Observations of graded domains made before this time are outside every grading window
    /// (<see cref="Grading.Rules.ObservationWindow.EarliestStart"/>); <c>null</c> keeps observations of any time.
    /// </param>
    /// <param name="lateFindingsSince">
    /// For a patient with a BCMA CAR-T: late neurotoxicity and motor observations (a tremor is a late sign) count back to
    /// this time instead (<see cref="Grading.Rules.LateNeurotoxicityWatch.EarliestStart"/>); <c>null</c> reads them as any
    /// other domain, and late neurotoxicity observations of any time.
    /// </param>
    public bool MayContribute(JsonElement resource, DateTimeOffset? observedSince = null, DateTimeOffset? lateFindingsSince = null)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var read = ScreenedProperties.Of(resource);
        if (read.Unsure || read.ResourceType is not { ValueKind: JsonValueKind.String } type)
        {
            // Not something the screen can judge: the parser decides as it would without the screen.
            return true;
        }

        if (type.ValueEquals("Observation"u8))
        {
            return ObservationMayContribute(read, observedSince, lateFindingsSince);
        }

        if (type.ValueEquals("MedicationAdministration"u8))
        {
            // A medicationReference is resolved against Medications only after parsing.
            return read.MedicationReference is not null || CodesMayMatch(read.MedicationConcept, _isIecTherapy);
        }

        if (type.ValueEquals("Procedure"u8))
        {
            return CodesMayMatch(read.Code, _isCarTAdministration);
        }

        if (type.ValueEquals("Condition"u8))
        {
            return CodesMayMatch(read.Code, _isGradedCondition);
        }

        if (type.ValueEquals("MedicationRequest"u8))
        {
            // A medicationReference may point into contained, which the order reader follows.
            return read.MedicationReference is not null || OrderedDrugMayMatch(read.MedicationConcept);
        }

        // Patients give the age; Medications name the products of medicationReferences. Every other type is ignored by
        // the rules.
        return type.ValueEquals("Patient"u8) || type.ValueEquals("Medication"u8);
    }

    /// <summary>
    /// Whether <see cref="OrderReader"/> could recognise the drug of an inline medication: by a code of a drug the checks
    /// know, or by such a drug's name in the concept's text or a coding's display; true as well when the screen cannot read
    /// the concept exactly.
    /// </summary>
    private bool OrderedDrugMayMatch(JsonElement? concept)
    {
        if (CodesMayMatch(concept, _drugs.IsDrugCode))
        {
            return true;
        }

        return concept is { } value && (ConceptWords(value) is not { } words || _drugs.NamedDrug(words) is not null);
    }

    /// <summary>
    /// The concept's text and its codings' displays, joined as <see cref="DrugRecognition.Recognise"/> joins them; null when
    /// one is not a single plain string (the screen then keeps the resource). Called on concepts whose codings
    /// <see cref="CodesMayMatch(JsonElement?, Func{CodeKey, bool})"/> could read.
    /// </summary>
    private static string? ConceptWords(JsonElement concept)
    {
        if (!TryProperties(concept, "text"u8, out var text, "coding"u8, out var coding))
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
            if (!TryProperty(item, "display"u8, out var display) || !TryAddString(words, display))
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

    private bool ObservationMayContribute(in ScreenedProperties read, DateTimeOffset? observedSince, DateTimeOffset? lateFindingsSince)
    {
        if (!CodesMayMatch(read.Code, _isObservationCode, out var known))
        {
            return false;
        }

        // No known code but kept (a shape the screen cannot judge): no kind, so kept whatever its time.
        var kind = known is { } key ? terminology.ObservationKindOf(key) : null;

        // Late findings are read over the late watch; a motor entry only when the patient has one (a tremor is a late sign).
        var since = kind switch
        {
            ObservationKind.LateNeurotoxicity => lateFindingsSince,
            ObservationKind.Motor => lateFindingsSince ?? observedSince,
            _ => observedSince,
        };

        // Prior ICANS grades are read whatever their age; the domains are graded inside the window only.
        return kind is null or ObservationKind.IcansGrade
            || since is not { } bound
            || ObservationTime(read) is not { } time
            || time >= bound;
    }

    /// <summary>
    /// True when a coding of the concept is known, or when its shape is not what FHIR JSON says (the parser may still
    /// read it); false only when every coding is readable and none is known, or there is no concept or no coding.
    /// </summary>
    private bool CodesMayMatch(JsonElement? concept, Func<CodeKey, bool> known) => CodesMayMatch(concept, known, out _);

    /// <param name="concept">The CodeableConcept as JSON.</param>
    /// <param name="known">Whether a code is one the rules read.</param>
    /// <param name="match">The first known code; null when none is, or when the concept is kept for its shape.</param>
    private bool CodesMayMatch(JsonElement? concept, Func<CodeKey, bool> known, out CodeKey? match)
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

        if (!TryProperty(value, "coding"u8, out var coding))
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

    private bool CodingMayMatch(JsonElement coding, Func<CodeKey, bool> known, out CodeKey? match)
    {
        match = null;
        if (coding.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (!TryProperties(coding, "system"u8, out var system, "code"u8, out var code))
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
        Span<char> systemBuffer = stackalloc char[TextBufferLength];
        Span<char> codeBuffer = stackalloc char[TextBufferLength];
        var systemText = Text(systemValue, systemBuffer);
        var codeText = Text(codeValue, codeBuffer);
        if (systemText.IsEmpty || codeText.IsEmpty || !terminology.TryFindCode(systemText, codeText, out var key) || !known(key))
        {
            return false;
        }

        match = key;
        return true;
    }

    /// <summary>
    /// The time <see cref="FindingsExtractor"/> gives the observation (effective[x], else <c>issued</c>), when the screen
    /// can read it exactly as the extractor does; null when it cannot, and the observation is kept.
    /// </summary>
    private static DateTimeOffset? ObservationTime(in ScreenedProperties read)
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
        => TryProperty(period, "end"u8, out var end) ? (true, end) : (false, null);

    /// <summary>
    /// An object's properties <paramref name="firstName"/> and <paramref name="secondName"/>, null when absent; false when a
    /// name is escaped or one of the two repeats, which the screen cannot read as the parser would.
    /// </summary>
    private static bool TryProperties(
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
    private static bool TryProperty(JsonElement obj, ReadOnlySpan<byte> name, out JsonElement? value)
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

    private static DateTimeOffset? ExactTime(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[TextBufferLength];
        return DateTimeOffset.TryParseExact(Text(text, buffer), FindingsExtractor.FullDateTimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : null;
    }

    /// <summary>
    /// A JSON string's text as the parser reads it, decoded into <paramref name="buffer"/> when it fits, so that screening
    /// makes no string; a longer one is read into a string.
    /// </summary>
    private static ReadOnlySpan<char> Text(JsonElement value, Span<char> buffer)
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
    private static bool TryRawName(JsonProperty property, out ReadOnlySpan<byte> name)
    {
        name = JsonMarshal.GetRawUtf8PropertyName(property);
        return !name.Contains((byte)'\\');
    }

    /// <summary>Takes a property's value; false when the slot already has one (the name is repeated).</summary>
    private static bool Assign(ref JsonElement? slot, JsonElement value)
    {
        if (slot is not null)
        {
            return false;
        }

        slot = value;
        return true;
    }

    /// <summary>The top-level properties the screen reads, found in one pass over the resource.</summary>
    private struct ScreenedProperties
    {
        public JsonElement? ResourceType;
        public JsonElement? Code;
        public JsonElement? MedicationConcept;
        public JsonElement? MedicationReference;
        public JsonElement? EffectiveDateTime;
        public JsonElement? EffectivePeriod;
        public JsonElement? EffectiveInstant;
        public JsonElement? Issued;

        /// <summary>
        /// One of these names appears twice (which copy a parser takes is its own choice), or a name is written with
        /// escapes the screen does not decode.
        /// </summary>
        public bool Unsure;

        public static ScreenedProperties Of(JsonElement resource)
        {
            var read = default(ScreenedProperties);
            foreach (var property in resource.EnumerateObject())
            {
                var assigned = TryRawName(property, out var name) && (
                    name.SequenceEqual("resourceType"u8) ? Assign(ref read.ResourceType, property.Value)
                    : name.SequenceEqual("code"u8) ? Assign(ref read.Code, property.Value)
                    : name.SequenceEqual("medicationCodeableConcept"u8) ? Assign(ref read.MedicationConcept, property.Value)
                    : name.SequenceEqual("medicationReference"u8) ? Assign(ref read.MedicationReference, property.Value)
                    : name.SequenceEqual("effectiveDateTime"u8) ? Assign(ref read.EffectiveDateTime, property.Value)
                    : name.SequenceEqual("effectivePeriod"u8) ? Assign(ref read.EffectivePeriod, property.Value)
                    : name.SequenceEqual("effectiveInstant"u8) ? Assign(ref read.EffectiveInstant, property.Value)
                    : !name.SequenceEqual("issued"u8) || Assign(ref read.Issued, property.Value));
                read.Unsure |= !assigned;
            }

            return read;
        }
    }
}
