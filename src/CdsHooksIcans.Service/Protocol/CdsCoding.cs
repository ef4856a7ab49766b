namespace CdsHooksIcans.Service.Protocol;

/// <summary>CDS Hooks' trimmed Coding: code and system required, display required on override reasons.</summary>
public sealed record CdsCoding(string System, string Code)
{
    public string? Display { get; init; }
}
