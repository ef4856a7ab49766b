namespace CdsHooksIcans.Service.Protocol;

/// <summary>Limits on what a CDS client may send (section <c>CdsHooks:Protocol</c>).</summary>
public sealed class CdsProtocolOptions
{
    public const string Section = "CdsHooks:Protocol";

    /// <summary>The largest request body accepted, in bytes; larger bodies get 413. The default is 1 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;
}
