namespace CdsHooksIcans.Service.SmartApp;

/// <summary>The bedside SMART app the service serves under <c>/app/</c>.</summary>
public sealed class BedsideAppOptions
{
    public const string Section = "CdsHooks:App";

    /// <summary>The client id the app was registered with at the EHR's authorization server.</summary>
    public string ClientId { get; set; } = "cdshooks-icans-bedside";
}
