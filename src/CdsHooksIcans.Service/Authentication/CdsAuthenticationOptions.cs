namespace CdsHooksIcans.Service.Authentication;

/// <summary>The CDS clients (EHRs) allowed to call the service (section <c>CdsHooks:Authentication</c>).</summary>
public sealed class CdsAuthenticationOptions
{
    public const string Section = "CdsHooks:Authentication";

    public CdsAuthenticationMode Mode { get; set; } = CdsAuthenticationMode.Required;

    public List<CdsClientOptions> Clients { get; set; } = [];

    /// <summary>The client whose tokens carry this exact <c>iss</c>, if any.</summary>
    public CdsClientOptions? FindClient(string issuer) => Clients.Find(client => string.Equals(client.Issuer, issuer, StringComparison.Ordinal));
}
