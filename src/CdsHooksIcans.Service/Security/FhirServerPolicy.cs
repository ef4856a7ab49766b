using System.Net;
using System.Security.Claims;
using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Protocol;
using Microsoft.Extensions.Options;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Security;

/// <summary>
/// Decides whether the service may call the <c>fhirServer</c> a request names, before any outbound request: otherwise a
/// caller could point the service (and the access token it is given) at any URL. With authentication on, the server
/// must lie under one of the calling client's configured FHIR bases (or, for a Development client with
/// <c>AllowLoopbackFhirServers</c>, be on loopback); metadata addresses are refused in every mode.
/// </summary>
public sealed class FhirServerPolicy(IOptionsMonitor<CdsAuthenticationOptions> options, ILogger<FhirServerPolicy> logger)
{
    /// <exception cref="CdsRequestException">400 with an OperationOutcome when the server may not be called.</exception>
    public void EnsureAllowed(ClaimsPrincipal caller, Uri? fhirServer)
    {
        if (fhirServer is null)
        {
            return;
        }

        if (OutboundAddressGuard.IsBlockedHost(fhirServer.Host))
        {
            throw Refused();
        }

        var current = options.CurrentValue;
        if (current.Mode == CdsAuthenticationMode.Disabled)
        {
            return;
        }

        var issuer = caller.FindFirst(CdsClientClaims.Issuer)?.Value;
        var client = issuer is null ? null : current.FindClient(issuer);
        if (client is null
            || (!client.FhirServers.Any(allowedBase => IsUnder(fhirServer, allowedBase)) && !(client.AllowLoopbackFhirServers && IsLoopback(fhirServer))))
        {
            AuthenticationLog.FhirServerRefused(logger, issuer);
            throw Refused();
        }
    }

    /// <summary>True when <paramref name="url"/> is <paramref name="allowedBase"/> or below it (whole path segments only).</summary>
    public static bool IsUnder(Uri url, Uri allowedBase)
    {
        if (EndpointUrl.Normalize(url.AbsoluteUri) is not { } candidate || EndpointUrl.Normalize(allowedBase.AbsoluteUri) is not { } root)
        {
            return false;
        }

        // "https://ehr/fhir" allows "https://ehr/fhir" and "https://ehr/fhir/tenant1", never "https://ehr/fhir-evil".
        return candidate == root || candidate.StartsWith(root + "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// True for <c>localhost</c> and loopback address literals only: a name that resolves to loopback is not trusted,
    /// since its resolution could change between this check and the connection.
    /// </summary>
    public static bool IsLoopback(Uri url)
        => url.IsAbsoluteUri && url.Scheme is "http" or "https"
           && (url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    private static CdsRequestException Refused()
        => CdsRequestException.BadRequest(OperationOutcome.IssueType.Security,
            "fhirServer is not one of the FHIR servers this client is allowed to name.", "fhirServer");
}
