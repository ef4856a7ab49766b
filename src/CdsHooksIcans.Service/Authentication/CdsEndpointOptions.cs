namespace CdsHooksIcans.Service.Authentication;

/// <summary>The address CDS clients use to reach the service (section <c>CdsHooks</c>); tokens' <c>aud</c> is checked against it.</summary>
public sealed class CdsEndpointOptions
{
    public const string Section = "CdsHooks";

    /// <summary>For example <c>https://cds.example.org</c>; when not set, the URL each request arrived on is used.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
