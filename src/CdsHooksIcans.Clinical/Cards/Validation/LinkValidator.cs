namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>
/// Links are absolute or SMART links to fixed URLs: patient data never reaches a URL or an appContext. A SMART link may
/// name one of the service's own apps (<c>app:bedside</c>) instead of a URL; an absolute link may not.
/// </summary>
internal static class LinkValidator
{
    private static readonly HashSet<string> LinkTypes = ["absolute", "smart"];

    public static void Check(CardTemplate card, PlaceholderValidator placeholders)
    {
        for (var i = 0; i < card.Links.Count; i++)
        {
            var link = card.Links[i];
            if (!LinkTypes.Contains(link.Type))
            {
                throw card.Invalid($"links[{i}].type", $"'{link.Type}' is not absolute or smart");
            }

            if (Placeholders.NamesIn(link.Url).Any())
            {
                throw card.Invalid($"links[{i}].url", "link URLs come only from content, never from patient data");
            }

            if (AppLinks.AppOf(link.Url) is { } app)
            {
                if (link.Type != "smart" || !AppLinks.Known.Contains(app))
                {
                    throw card.Invalid($"links[{i}].url", $"'{link.Url}' names no app: only a smart link may name one of the service's apps ({string.Join(", ", AppLinks.Known.Select(a => AppLinks.Scheme + a))})");
                }
            }
            else
            {
                ContentUrl.CheckAbsolute(card, $"links[{i}].url", link.Url);
            }

            placeholders.Check($"links[{i}].label", link.Label);
            CheckAppContext(card, i, link);
        }
    }

    private static void CheckAppContext(CardTemplate card, int i, LinkContent link)
    {
        if (link.AppContext is not { } context)
        {
            return;
        }

        if (link.Type != "smart")
        {
            throw card.Invalid($"links[{i}].appContext", "only a smart link has an appContext");
        }

        if (Placeholders.NamesIn(context).Any())
        {
            throw card.Invalid($"links[{i}].appContext", "an appContext comes only from content, never from patient data");
        }

        if (context.Length is 0 or > AppLinks.MaxAppContextLength)
        {
            throw card.Invalid($"links[{i}].appContext", $"must be 1-{AppLinks.MaxAppContextLength} characters");
        }
    }
}
