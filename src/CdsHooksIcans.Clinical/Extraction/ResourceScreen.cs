using System.Globalization;
using System.Text.Json;
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
    /// <summary>Whether the resource may contribute to a grade or an order check.</summary>
    /// <param name="resource">One resource as JSON (a Bundle entry's <c>resource</c>).</param>
    /// <param name="observedSince">
    /// Observations of graded domains made before this time are outside every grading window
    /// (<see cref="Grading.Rules.ObservationWindow.EarliestStart"/>); <c>null</c> keeps observations of any time.
    /// </param>
    public bool MayContribute(JsonElement resource, DateTimeOffset? observedSince = null)
    {
        if (resource.ValueKind != JsonValueKind.Object
            || Find(resource, "resourceType", out var type) != Found.Once || type.ValueKind != JsonValueKind.String)
        {
            // Not something the screen can judge: the parser reports it as it would without the screen.
            return true;
        }

        if (type.ValueEquals("Observation"))
        {
            return ObservationMayContribute(resource, observedSince);
        }

        if (type.ValueEquals("MedicationAdministration"))
        {
            // A medicationReference is resolved against Medications only after parsing.
            return Find(resource, "medicationReference", out _) != Found.Absent
                || CodesMayMatch(resource, "medicationCodeableConcept", terminology.IsIecTherapy);
        }

        if (type.ValueEquals("Procedure"))
        {
            return CodesMayMatch(resource, "code", key => terminology.Contains(IcansCanonicals.CarTAdministration, key));
        }

        if (type.ValueEquals("Condition"))
        {
            return CodesMayMatch(resource, "code", key => terminology.Contains(IcansCanonicals.CrsConditions, key)
                || terminology.Contains(IcansCanonicals.IcansConditions, key)
                || terminology.Contains(IcansCanonicals.CarTHistory, key));
        }

        // Patients give the age; Medications name the products of medicationReferences; orders are read by name as well
        // as by code. Every other type is ignored by the rules.
        return type.ValueEquals("Patient") || type.ValueEquals("Medication") || type.ValueEquals("MedicationRequest");
    }

    private bool ObservationMayContribute(JsonElement observation, DateTimeOffset? observedSince)
    {
        ObservationKind? kind = null;
        if (!CodesMayMatch(observation, "code", key => (kind ??= terminology.ObservationKindOf(key)) is not null))
        {
            return false;
        }

        // Prior ICANS grades are read whatever their age; the domains are graded inside the window only.
        return kind is null or ObservationKind.IcansGrade
            || observedSince is not { } since
            || ObservationTime(observation) is not { } time
            || time >= since;
    }

    /// <summary>
    /// True when a coding of the element is known, or when the element's shape is not what FHIR JSON says (the parser
    /// may still read it); false only when every coding is readable and none is known, or there is no such element.
    /// </summary>
    private static bool CodesMayMatch(JsonElement resource, string element, Func<CodeKey, bool> known)
    {
        switch (Find(resource, element, out var concept))
        {
            case Found.Absent:
                return false;
            case Found.Repeated:
                return true;
        }

        if (concept.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        switch (Find(concept, "coding", out var codings))
        {
            case Found.Absent:
                return false;
            case Found.Repeated:
                return true;
        }

        // A single coding where a list belongs is read as a list of one (FhirJson.Readable), so it is screened as one.
        if (codings.ValueKind == JsonValueKind.Object)
        {
            return CodingMayMatch(codings, known);
        }

        if (codings.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        foreach (var coding in codings.EnumerateArray())
        {
            if (CodingMayMatch(coding, known))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CodingMayMatch(JsonElement coding, Func<CodeKey, bool> known)
        => coding.ValueKind != JsonValueKind.Object
            || !TryGetString(coding, "system", out var system)
            || !TryGetString(coding, "code", out var code)
            || (system is { Length: > 0 } && code is { Length: > 0 } && known(new CodeKey(system, code)));

    /// <summary>
    /// The time <see cref="FindingsExtractor"/> gives the observation (effective[x], else <c>issued</c>), when the screen
    /// can read it exactly as the extractor does; null when it cannot, and the observation is kept.
    /// </summary>
    private static DateTimeOffset? ObservationTime(JsonElement observation)
    {
        JsonElement? effective = null;
        var forms = 0;
        foreach (var name in (ReadOnlySpan<string>)["effectiveDateTime", "effectivePeriod", "effectiveInstant"])
        {
            switch (Find(observation, name, out var value))
            {
                case Found.Repeated:
                    return null;
                case Found.Once:
                    forms++;
                    effective = name != "effectivePeriod" ? value
                        : value.ValueKind != JsonValueKind.Object ? value // not a period: no exact time
                        : Find(value, "end", out var end) switch { Found.Once => end, Found.Absent => null, _ => value };
                    break;
            }
        }

        return forms switch
        {
            0 => ExactTime(observation, "issued"),
            // A period without an end falls back to issued, as in the extractor.
            1 when effective is null => ExactTime(observation, "issued"),
            1 => ExactTime(effective.Value),
            _ => null,
        };
    }

    private static DateTimeOffset? ExactTime(JsonElement resource, string element)
        => Find(resource, element, out var value) == Found.Once ? ExactTime(value) : null;

    private static DateTimeOffset? ExactTime(JsonElement value)
        => value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParseExact(value.GetString(), FindingsExtractor.FullDateTimeFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : null;

    /// <summary>A string property, or absent (null); false when the property has another JSON type or is repeated.</summary>
    private static bool TryGetString(JsonElement element, string name, out string? value)
    {
        value = null;
        switch (Find(element, name, out var property))
        {
            case Found.Absent:
                return true;
            case Found.Repeated:
                return false;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return property.ValueKind == JsonValueKind.String;
    }

    /// <summary>Looks a property up in one pass, telling a repeated name from a single one (the request body allows repeats inside resources).</summary>
    private static Found Find(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        var found = Found.Absent;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                if (found == Found.Once)
                {
                    return Found.Repeated;
                }

                value = property.Value;
                found = Found.Once;
            }
        }

        return found;
    }

    private enum Found
    {
        Absent,
        Once,
        Repeated,
    }
}
