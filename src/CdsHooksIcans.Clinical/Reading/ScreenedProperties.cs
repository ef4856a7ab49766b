using System.Text.Json;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>The top-level properties the screen reads, found in one pass over the resource.</summary>
internal struct ScreenedProperties
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
            var assigned = ExactJson.TryRawName(property, out var name) && (
                name.SequenceEqual("resourceType"u8) ? ExactJson.Assign(ref read.ResourceType, property.Value)
                : name.SequenceEqual("code"u8) ? ExactJson.Assign(ref read.Code, property.Value)
                : name.SequenceEqual("medicationCodeableConcept"u8) ? ExactJson.Assign(ref read.MedicationConcept, property.Value)
                : name.SequenceEqual("medicationReference"u8) ? ExactJson.Assign(ref read.MedicationReference, property.Value)
                : name.SequenceEqual("effectiveDateTime"u8) ? ExactJson.Assign(ref read.EffectiveDateTime, property.Value)
                : name.SequenceEqual("effectivePeriod"u8) ? ExactJson.Assign(ref read.EffectivePeriod, property.Value)
                : name.SequenceEqual("effectiveInstant"u8) ? ExactJson.Assign(ref read.EffectiveInstant, property.Value)
                : !name.SequenceEqual("issued"u8) || ExactJson.Assign(ref read.Issued, property.Value));
            read.Unsure |= !assigned;
        }

        return read;
    }
}
