namespace CdsHooksIcans.Service.Protocol;

public sealed record CardLink(string Label, string Url, string Type)
{
    public string? AppContext { get; init; }
}
