using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.SmartApp;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>Content cards to CDS Hooks wire cards: empty optional lists become null so they are omitted.</summary>
public static class CardMapping
{
    /// <param name="card">The filled card.</param>
    /// <param name="apps">Where links naming the service's apps lead for this answer; such a link is left off when its app has no address.</param>
    /// <param name="status">Whether the grade the card was filled for is graded or incomplete; null for a card not about a grade.</param>
    /// <param name="extension">The card's extension object, if any.</param>
    public static Card ToWire(this FilledCard card, AppLaunch apps, GradingStatus? status, IReadOnlyDictionary<string, object>? extension = null) =>
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
            Links = NullIfEmpty(card.Links
                .Select(l => (Link: l, Url: apps.UrlOf(l)))
                .Where(l => l.Url is not null)
                .Select(l => new CardLink(l.Link.Label, l.Url!, l.Link.Type) { AppContext = l.Link.AppContext })),
            Extension = extension,
            Origin = new CardOrigin(card.TemplateId, card.Kind, card.Grade, status switch
            {
                GradingStatus.Graded => "graded",
                GradingStatus.Incomplete => "incomplete",
                _ => null,
            }),
        };

    private static CdsCoding ToWire(this CodingContent coding) => new(coding.System, coding.Code) { Display = coding.Display };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;
}
