using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>
/// A suggested action is a CDS Hooks create, update or delete with a description; create and update carry a resource
/// template that, filled with sample values, is a valid FHIR R4 resource.
/// </summary>
internal static class ActionValidator
{
    private static readonly HashSet<string> ActionTypes = ["create", "update", "delete"];
    private static readonly FhirJsonDeserializer StrictFhir = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static void Check(CardTemplate card, PlaceholderValidator placeholders, ActionTemplate action, string field)
    {
        if (!ActionTypes.Contains(action.Type))
        {
            throw card.Invalid($"{field}.type", $"'{action.Type}' is not create, update or delete");
        }

        if (string.IsNullOrWhiteSpace(action.Description))
        {
            throw card.Invalid($"{field}.description", "every action needs a description");
        }

        placeholders.Check($"{field}.description", action.Description);
        placeholders.Check($"{field}.resourceId", action.ResourceId);
        if (action.Type == "delete")
        {
            if (action.ResourceId is null || action.Resource is not null)
            {
                throw card.Invalid(field, "a delete action has a resourceId and no resource");
            }

            return;
        }

        CheckResource(card, placeholders, action.Resource, $"{field}.resource");
    }

    private static void CheckResource(CardTemplate card, PlaceholderValidator placeholders, JsonNode? resource, string field)
    {
        if (resource is null)
        {
            throw card.Invalid(field, "create and update actions carry a complete resource");
        }

        foreach (var text in StringsIn(resource))
        {
            placeholders.Check(field, text, allowJson: true);
        }

        if (resource is JsonValue placeholder && !placeholders.IsOneJsonPlaceholder(placeholder.GetValue<string>()))
        {
            throw card.Invalid(field, "a resource is a FHIR resource template, or a string that is one JSON placeholder");
        }

        var sample = placeholders.FillWithSamples(resource);
        if (sample is null)
        {
            throw card.Invalid(field, "the placeholder must fill to a resource");
        }

        if (!StrictFhir.TryDeserializeResource(sample.ToJsonString(), out _, out var issues))
        {
            throw card.Invalid(field, "not a valid FHIR R4 resource once filled: " + string.Join("; ", issues.Take(3).Select(issue => issue.Message)));
        }
    }

    private static IEnumerable<string> StringsIn(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : StringsIn(p.Value)),
        JsonArray a => a.SelectMany(v => v is null ? [] : StringsIn(v)),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
