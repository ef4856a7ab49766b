namespace CdsHooksIcans.Service.SmartApp;

/// <summary>The bedside SMART app the service serves under <c>/app/</c> (section <c>CdsHooks:App</c>).</summary>
public sealed class BedsideAppOptions
{
    public const string Section = "CdsHooks:App";

    /// <summary>The app's launch path under the service's own base, used when <see cref="LaunchUrl"/> is not set.</summary>
    public const string LaunchPath = "/app/launch.html";

    /// <summary>
    /// The absolute http(s) launch URL the grading cards' SMART link opens. Unset: the request's own scheme, host and path
    /// base with <see cref="LaunchPath"/>; set it when the EHR reaches the service through a proxy whose address differs.
    /// </summary>
    public string? LaunchUrl { get; set; }

    /// <summary>The app's OAuth client id at the EHR's authorization server. The default is <c>cdshooks-icans-bedside</c>.</summary>
    public string ClientId { get; set; } = "cdshooks-icans-bedside";

    internal static bool IsLaunchUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Fragment.Length == 0;

    // RFC 6749 allows any visible ASCII; a conservative set keeps it safe in URLs and config files alike.
    internal static bool IsClientId(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
