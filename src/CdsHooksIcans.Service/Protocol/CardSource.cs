namespace CdsHooksIcans.Service.Protocol;

public sealed record CardSource(string Label)
{
    public string? Url { get; init; }
    public string? Icon { get; init; }
    public CdsCoding? Topic { get; init; }
}
