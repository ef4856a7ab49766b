namespace CdsHooksIcans.Clinical.Cards;

public static class CardFilling
{
    /// <summary>
    /// Fills every text, markdown and resource template of a card. An action whose resource placeholder is empty is
    /// left out, and so is a suggestion left without actions or meant for the other age group.
    /// </summary>
    /// <param name="template">The card.</param>
    /// <param name="values">The placeholder values.</param>
    /// <param name="grade">The grade, for indicators by grade.</param>
    /// <param name="ids">Card and suggestion ids.</param>
    /// <param name="pediatric">Whether the patient is a child, for suggestions offered to one age group only.</param>
    public static FilledCard Fill(this CardTemplate template, IReadOnlyDictionary<string, PlaceholderValue> values, int? grade, IIdGenerator ids, bool pediatric = false)
    {
        var cardId = ids.NewId();
        var suggestions = new List<FilledSuggestion>();
        foreach (var s in template.Suggestions.Where(s => s.Pediatric is null || s.Pediatric == pediatric))
        {
            var actions = s.Actions
                .Select(a => (Action: a, Resource: a.Resource is null ? null : TemplateFiller.FillResource(a.Resource, values)))
                .Where(a => a.Action.Resource is null || a.Resource is not null)
                .Select(a => new FilledAction(
                    a.Action.Type,
                    TemplateFiller.FillText(a.Action.Description, values),
                    a.Resource,
                    a.Action.ResourceId is null ? null : TemplateFiller.FillText(a.Action.ResourceId, values)))
                .ToList();
            if (actions.Count > 0)
            {
                suggestions.Add(new FilledSuggestion(ids.NewId(), TemplateFiller.FillText(s.Label, values), s.IsRecommended, actions));
            }
        }

        return new FilledCard(
            template.Id,
            template.AppliesTo.Kind,
            grade,
            cardId,
            TemplateFiller.FillText(template.Summary, values),
            template.Detail is null ? null : TemplateFiller.FillMarkdown(template.Detail, values),
            template.Indicator.For(grade),
            template.Source is { } source
                ? source with { Label = TemplateFiller.FillText(source.Label, values) }
                : throw new InvalidOperationException($"'{template.Id}' is a management section, not a card: its card includes it."),
            suggestions,
            template.SelectionBehavior,
            [.. template.Links.Select(l => l with { Label = TemplateFiller.FillText(l.Label, values) })],
            template.OverrideReasons);
    }
}
