namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The service's own SMART apps, named in card content instead of a URL (<c>"url": "app:bedside"</c>): where a deployment
/// serves them is configuration, not content, so the host resolves the name when it answers.
/// </summary>
public static class AppLinks
{
    /// <summary>What a link URL starts with when it names an app.</summary>
    public const string Scheme = "app:";

    /// <summary>The bedside app (issue 20), served by the service under <c>/app/</c>.</summary>
    public const string Bedside = "bedside";

    /// <summary>The apps content may name.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal) { Bedside };

    /// <summary>The longest <c>appContext</c> content may give: a view to open, not a payload.</summary>
    public const int MaxAppContextLength = 200;

    /// <summary>The app a link URL names (<c>bedside</c> for <c>app:bedside</c>), or null when it is a URL.</summary>
    public static string? AppOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith(Scheme, StringComparison.Ordinal) ? url[Scheme.Length..] : null;
    }
}
