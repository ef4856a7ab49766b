using CdsHooksIcans.Service.Hooks;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>The discovery document: <c>services</c> is always present, even when empty.</summary>
public sealed record DiscoveryResponse(IReadOnlyList<DiscoveredService> Services)
{
    public static DiscoveryResponse From(IEnumerable<CdsServiceDefinition> definitions)
        => new([.. definitions.Select(DiscoveredService.From)]);
}
