namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>URLs written in card content (source, links) are absolute http(s) URLs.</summary>
internal static class ContentUrl
{
    public static void CheckAbsolute(CardTemplate card, string field, string? url)
    {
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            throw card.Invalid(field, $"'{url}' is not an absolute http(s) URL");
        }
    }
}
