using CdsHooksIcans.Clinical.Cards;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>
/// Where one answer's cards send the clinician when content names one of the service's apps (<c>app:bedside</c>): the
/// configured launch URL, else the service's own address as this request reached it.
/// </summary>
/// <param name="BedsideLaunchUrl">The bedside app's launch URL, or null when none is known (calls made in process).</param>
public sealed record AppLaunch(string? BedsideLaunchUrl)
{
    /// <summary>No app address known: links to the service's apps are left off the cards.</summary>
    public static AppLaunch None { get; } = new((string?)null);

    /// <summary>The launch URLs for a request: <see cref="BedsideAppOptions.LaunchUrl"/>, else scheme://host + path base + <see cref="BedsideAppOptions.LaunchPath"/>.</summary>
    public static AppLaunch For(HttpRequest request, BedsideAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return new(options.LaunchUrl ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{BedsideAppOptions.LaunchPath}");
    }

    /// <summary>The URL a content link opens: its own, or the launch URL of the app it names; null when that app has none.</summary>
    public string? UrlOf(LinkContent link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return AppLinks.AppOf(link.Url) switch
        {
            null => link.Url,
            AppLinks.Bedside => BedsideLaunchUrl,
            _ => null,
        };
    }
}
