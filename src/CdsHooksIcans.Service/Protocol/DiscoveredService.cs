using CdsHooksIcans.Service.Hooks;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>One CDS service as advertised; the prefetch templates are the ones the service runs itself.</summary>
public sealed record DiscoveredService(string Hook, string Id, string Description)
{
    public string? Title { get; init; }
    public string? UsageRequirements { get; init; }
    public IReadOnlyDictionary<string, string>? Prefetch { get; init; }

    public static DiscoveredService From(CdsServiceDefinition definition) => new(definition.Hook, definition.Id, definition.Description)
    {
        Title = NullIfEmpty(definition.Title),
        UsageRequirements = NullIfEmpty(definition.UsageRequirements),
        Prefetch = definition.Prefetch.ToDictionary(query => query.Key, query => query.Template, StringComparer.Ordinal),
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
