using System.Text.Json;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>
/// The CDS Hooks 2.0 response rules a machine can check (spec §1.6 and the cds-resp-* invariants), plus the
/// service's own: a uuid on every card and suggestion so feedback and Dismiss work.
/// </summary>
public static class CardRules
{
    private static readonly string[] Indicators = ["info", "warning", "critical"];
    private static readonly string[] SelectionBehaviors = ["at-most-one", "any"];
    private static readonly string[] ActionTypes = ["create", "update", "delete"];
    private static readonly string[] LinkTypes = ["absolute", "smart"];

    /// <summary>Every rule the response body breaks, as "path: problem"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(JsonElement responseBody)
    {
        var violations = new List<string>();
        if (responseBody.ValueKind != JsonValueKind.Object)
        {
            return ["$: the response must be a JSON object"];
        }

        CheckNoNullOrEmpty(responseBody, "$", violations);

        if (!responseBody.TryGetProperty("cards", out var cards) || cards.ValueKind != JsonValueKind.Array)
        {
            violations.Add("$.cards: required array is missing");
        }
        else
        {
            var index = 0;
            foreach (var card in cards.EnumerateArray())
            {
                CheckCard(card, $"$.cards[{index++}]", violations);
            }
        }

        if (responseBody.TryGetProperty("systemActions", out var systemActions) && systemActions.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var action in systemActions.EnumerateArray())
            {
                CheckAction(action, $"$.systemActions[{index++}]", violations);
            }
        }

        return violations;
    }

    private static void CheckCard(JsonElement card, string path, List<string> violations)
    {
        if (card.ValueKind != JsonValueKind.Object)
        {
            violations.Add($"{path}: a card must be an object");
            return;
        }

        RequireString(card, "uuid", path, violations);
        if (RequireString(card, "summary", path, violations) is { } summary && summary.Length >= 140)
        {
            violations.Add($"{path}.summary: must be shorter than 140 characters (is {summary.Length})");
        }

        if (RequireString(card, "indicator", path, violations) is { } indicator && !Indicators.Contains(indicator))
        {
            violations.Add($"{path}.indicator: '{indicator}' is not info|warning|critical");
        }

        if (!card.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            violations.Add($"{path}.source: required object is missing");
        }
        else
        {
            RequireString(source, "label", $"{path}.source", violations);
        }

        var selectionBehavior = card.TryGetProperty("selectionBehavior", out var behavior) ? behavior.GetString() : null;
        if (selectionBehavior is not null && !SelectionBehaviors.Contains(selectionBehavior))
        {
            violations.Add($"{path}.selectionBehavior: '{selectionBehavior}' is not at-most-one|any");
        }

        if (card.TryGetProperty("suggestions", out var suggestions) && suggestions.ValueKind == JsonValueKind.Array)
        {
            if (selectionBehavior is null)
            {
                violations.Add($"{path}.selectionBehavior: required when suggestions are present");
            }

            var recommended = 0;
            var index = 0;
            foreach (var suggestion in suggestions.EnumerateArray())
            {
                var suggestionPath = $"{path}.suggestions[{index++}]";
                RequireString(suggestion, "uuid", suggestionPath, violations);
                RequireString(suggestion, "label", suggestionPath, violations);
                if (suggestion.TryGetProperty("isRecommended", out var isRecommended) && isRecommended.ValueKind == JsonValueKind.True)
                {
                    recommended++;
                }

                if (suggestion.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
                {
                    var actionIndex = 0;
                    foreach (var action in actions.EnumerateArray())
                    {
                        CheckAction(action, $"{suggestionPath}.actions[{actionIndex++}]", violations);
                    }
                }
            }

            if (selectionBehavior == "at-most-one" && recommended > 1)
            {
                violations.Add($"{path}.suggestions: at most one isRecommended with selectionBehavior at-most-one (found {recommended})");
            }
        }

        if (card.TryGetProperty("overrideReasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var reason in reasons.EnumerateArray())
            {
                var reasonPath = $"{path}.overrideReasons[{index++}]";
                RequireString(reason, "code", reasonPath, violations);
                RequireString(reason, "system", reasonPath, violations);
                RequireString(reason, "display", reasonPath, violations);
            }
        }

        if (card.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var link in links.EnumerateArray())
            {
                var linkPath = $"{path}.links[{index++}]";
                RequireString(link, "label", linkPath, violations);
                if (RequireString(link, "url", linkPath, violations) is { } url && !Uri.IsWellFormedUriString(url, UriKind.Absolute))
                {
                    violations.Add($"{linkPath}.url: must be an absolute URL");
                }

                var type = RequireString(link, "type", linkPath, violations);
                if (type is not null && !LinkTypes.Contains(type))
                {
                    violations.Add($"{linkPath}.type: '{type}' is not absolute|smart");
                }

                if (link.TryGetProperty("appContext", out _) && type != "smart")
                {
                    violations.Add($"{linkPath}.appContext: only allowed on smart links");
                }
            }
        }
    }

    private static void CheckAction(JsonElement action, string path, List<string> violations)
    {
        RequireString(action, "description", path, violations);
        var type = RequireString(action, "type", path, violations);
        if (type is not null && !ActionTypes.Contains(type))
        {
            violations.Add($"{path}.type: '{type}' is not create|update|delete");
        }

        var hasResource = action.TryGetProperty("resource", out _);
        if (type == "delete")
        {
            if (!action.TryGetProperty("resourceId", out _))
            {
                violations.Add($"{path}.resourceId: required for delete");
            }

            if (hasResource)
            {
                violations.Add($"{path}.resource: not allowed for delete");
            }
        }
        else if (type is "create" or "update" && !hasResource)
        {
            violations.Add($"{path}.resource: required for {type}");
        }
    }

    private static string? RequireString(JsonElement parent, string name, string path, List<string> violations)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        violations.Add($"{path}.{name}: required string is missing");
        return null;
    }

    // The wire format forbids null and empty values everywhere; `cards` may be the one empty array.
    private static void CheckNoNullOrEmpty(JsonElement element, string path, List<string> violations)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                violations.Add($"{path}: null is not allowed (omit the field)");
                break;
            case JsonValueKind.String when element.GetString()!.Length == 0:
                violations.Add($"{path}: empty string is not allowed");
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() == 0 && path != "$.cards")
                {
                    violations.Add($"{path}: empty array is not allowed");
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckNoNullOrEmpty(item, $"{path}[{index++}]", violations);
                }

                break;
            case JsonValueKind.Object:
                if (!element.EnumerateObject().Any())
                {
                    violations.Add($"{path}: empty object is not allowed");
                }

                foreach (var property in element.EnumerateObject())
                {
                    CheckNoNullOrEmpty(property.Value, $"{path}.{property.Name}", violations);
                }

                break;
        }
    }
}
