using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>Content cards to CDS Hooks wire cards: empty optional lists become null so they are omitted.</summary>
public static class CardMapping
{
    public static Card ToWire(this FilledCard card, IReadOnlyDictionary<string, object>? extension = null) =>
        new(card.Summary, card.Indicator, new CardSource(card.Source.Label)
        {
            Url = card.Source.Url,
            Topic = card.Source.Topic?.ToWire(),
        })
        {
            Uuid = card.Uuid,
            Detail = string.IsNullOrWhiteSpace(card.Detail) ? null : card.Detail,
            Suggestions = NullIfEmpty(card.Suggestions.Select(s => new Suggestion(s.Label)
            {
                Uuid = s.Uuid,
                IsRecommended = s.IsRecommended ? true : null,
                Actions = NullIfEmpty(s.Actions.Select(a => new CdsAction(a.Type, a.Description)
                {
                    // The filled resource is this card's own copy: written as it is, not serialised twice.
                    Resource = a.Resource,
                    ResourceId = a.ResourceId,
                })),
            })),
            SelectionBehavior = card.Suggestions.Count > 0 ? card.SelectionBehavior : null,
            OverrideReasons = NullIfEmpty(card.OverrideReasons.Select(ToWire)),
            Links = NullIfEmpty(card.Links.Select(l => new CardLink(l.Label, l.Url, l.Type))),
            Extension = extension,
        };

    private static CdsCoding ToWire(this CodingContent coding) => new(coding.System, coding.Code) { Display = coding.Display };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;
}
