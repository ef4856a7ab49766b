namespace CdsHooksIcans.Service.Protocol;

public sealed record Suggestion(string Label)
{
    public string? Uuid { get; init; }
    public bool? IsRecommended { get; init; }
    public IReadOnlyList<CdsAction>? Actions { get; init; }
}
