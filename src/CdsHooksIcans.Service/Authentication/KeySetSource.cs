namespace CdsHooksIcans.Service.Authentication;

/// <summary>Where one token's key comes from: the client's inline set, or one URL (configured or an allowlisted <c>jku</c>).</summary>
internal sealed record KeySetSource(InlineJwks? Inline, Uri? Url)
{
    /// <summary>
    /// The source for a token of <paramref name="client"/> whose header has <paramref name="jku"/> (null when it has none),
    /// or null when that jku is not allowlisted: it is then never fetched. An inline key set is never replaced by a fetch.
    /// </summary>
    public static KeySetSource? For(CdsClientOptions client, object? jku)
    {
        Uri? allowed = null;
        if (jku is not null)
        {
            allowed = jku is string text && Uri.TryCreate(text, UriKind.Absolute, out var parsed)
                ? client.AllowedJkuUrls.Append(client.JwksUrl).OfType<Uri>().FirstOrDefault(url => url.AbsoluteUri == parsed.AbsoluteUri)
                : null;
            if (allowed is null)
            {
                return null;
            }
        }

        if (client.Jwks is { } inline)
        {
            return new KeySetSource(inline, null);
        }

        return (allowed ?? client.JwksUrl) is { } url ? new KeySetSource(null, url) : null;
    }
}
