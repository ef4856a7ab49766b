namespace CdsHooksIcans.Service.Security;

/// <summary>Browser-based CDS clients allowed to call the service (section <c>CdsHooks:Cors</c>).</summary>
public sealed class CdsCorsOptions
{
    public const string Section = "CdsHooks:Cors";

    /// <summary>The public CDS Hooks sandbox and the usual local sandbox/launcher ports, used when none are configured.</summary>
    public static IReadOnlyList<string> DefaultAllowedOrigins { get; } =
        ["https://sandbox.cds-hooks.org", "http://localhost:8080", "http://localhost:3000"];

    /// <summary>Origins such as <c>https://sandbox.cds-hooks.org</c>: scheme, host and port only.</summary>
    /// <remarks>Empty means <see cref="DefaultAllowedOrigins"/>: the configuration binder appends to arrays, so defaults cannot live in the initializer.</remarks>
    public IList<string> AllowedOrigins { get; set; } = [];

    internal static bool IsOrigin(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri)
           && uri.Scheme is "http" or "https"
           && uri.GetLeftPart(UriPartial.Authority).Equals(value.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
