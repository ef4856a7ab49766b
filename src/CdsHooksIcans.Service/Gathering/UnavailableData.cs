namespace CdsHooksIcans.Service.Gathering;

/// <summary>A prefetch key that could not be had, and why (safe to show: no tokens, no patient data).</summary>
public sealed record UnavailableData(string Key, string Reason);
