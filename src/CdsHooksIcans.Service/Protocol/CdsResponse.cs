namespace CdsHooksIcans.Service.Protocol;

// CDS Hooks 2.0 wire types. Our own, not Firely's experimental CdsHooks POCOs (docs/adr/0002).
// Serialised with nulls omitted; optional lists are null when empty so they disappear from the JSON.

/// <summary>The answer to a hook call. <c>cards</c> is always present, even when empty.</summary>
public sealed record CdsResponse(IReadOnlyList<Card> Cards)
{
    public IReadOnlyList<CdsAction>? SystemActions { get; init; }

    public static CdsResponse Empty { get; } = new([]);
}
