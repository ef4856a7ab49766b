namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// The URL of the endpoint a request called, as a token's <c>aud</c> must name it, and the normalisation both sides go through:
/// scheme and host lower case, default port dropped, no trailing slash, no query. Clients type the base URL differently
/// (sandbox: "exactly as typed"), so only differences that cannot change the endpoint are forgiven.
/// </summary>
internal static class EndpointUrl
{
    public static string Expected(HttpRequest request, Uri? publicBaseUrl)
    {
        var path = request.Path.Value ?? "";
        return publicBaseUrl is not null
            ? publicBaseUrl.AbsoluteUri.TrimEnd('/') + path
            : $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{path}";
    }

    /// <summary>The comparable form of an absolute http(s) URL, or null when the text is not one.</summary>
    public static string? Normalize(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        // Uri lower-cases scheme and host, drops a default port and normalises percent-encoding; the path keeps its case.
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port;
        return $"{uri.Scheme}://{uri.IdnHost}{port}{uri.AbsolutePath.TrimEnd('/')}";
    }

    public static bool SameEndpoint(string claimed, string expected)
        => Normalize(claimed) is { } left && Normalize(expected) is { } right && string.Equals(left, right, StringComparison.Ordinal);
}
