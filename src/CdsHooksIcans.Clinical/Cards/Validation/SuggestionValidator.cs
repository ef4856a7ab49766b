namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>
/// Suggestions follow the CDS Hooks rules: a card with suggestions says how many may be chosen, at most one is
/// recommended when only one may be, and each has a label of known placeholders and at least one valid action.
/// </summary>
internal static class SuggestionValidator
{
    private static readonly HashSet<string> SelectionBehaviors = ["at-most-one", "any"];

    public static void Check(CardTemplate card, PlaceholderValidator placeholders)
    {
        // A section's suggestions join its card's, which carries the selection behaviour.
        var section = card.AppliesTo.Kind == ManagementCards.SectionKind;
        if (card.Suggestions.Count > 0 && !section && (card.SelectionBehavior is null || !SelectionBehaviors.Contains(card.SelectionBehavior)))
        {
            throw card.Invalid("selectionBehavior", "cards with suggestions need selectionBehavior at-most-one or any");
        }

        if (card.SelectionBehavior == "at-most-one" && card.Suggestions.Count(suggestion => suggestion.IsRecommended) > 1)
        {
            throw card.Invalid("suggestions", "at most one suggestion may be recommended with at-most-one");
        }

        for (var i = 0; i < card.Suggestions.Count; i++)
        {
            var suggestion = card.Suggestions[i];
            placeholders.Check($"suggestions[{i}].label", suggestion.Label);
            if (suggestion.Actions.Count == 0)
            {
                throw card.Invalid($"suggestions[{i}].actions", "a suggestion needs at least one action");
            }

            for (var j = 0; j < suggestion.Actions.Count; j++)
            {
                ActionValidator.Check(card, placeholders, suggestion.Actions[j], $"suggestions[{i}].actions[{j}]");
            }
        }
    }
}
