namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// A CDS service as the service executes it. Discovery serves exactly these definitions, so the advertised
/// prefetch templates are the queries the service runs itself when a key is missing.
/// </summary>
public sealed record CdsServiceDefinition(
    string Id,
    string Hook,
    string Title,
    string Description,
    string UsageRequirements,
    IReadOnlyList<PrefetchQuery> Prefetch);
