using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>Refuses, at start-up, a configuration that would let unauthenticated or wrongly keyed calls through.</summary>
internal sealed class CdsAuthenticationOptionsValidator(IHostEnvironment environment) : IValidateOptions<CdsAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsAuthenticationOptions options)
    {
        var problems = new SettingProblems(CdsAuthenticationOptions.Section);

        problems.Require(Enum.IsDefined(options.Mode), "Mode must be Required or Disabled.");
        problems.Require(options.Mode == CdsAuthenticationMode.Required || environment.IsDevelopment(),
            $"Mode Disabled is allowed in Development only (this environment is {environment.EnvironmentName}).");
        problems.Require(options.Mode == CdsAuthenticationMode.Disabled || options.Clients.Count > 0,
            "Mode Required needs at least one entry in Clients; without one every call would be refused.");
        problems.Require(options.Clients.Select(c => c.Issuer).Distinct(StringComparer.Ordinal).Count() == options.Clients.Count,
            "Clients must have distinct Issuer values.");

        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var at = $"Clients:{i}:";
            problems.Require(!string.IsNullOrWhiteSpace(client.Issuer), at + "Issuer is required.");
            problems.Require(client.Jwks is { Keys.Count: > 0 } || client.JwksUrl is not null || client.AllowedJkuUrls.Count > 0,
                at + "needs a key set: Jwks inline, JwksUrl or AllowedJkuUrls.");
            problems.Require(client.Algorithms.Count > 0 && client.Algorithms.All(JwtAlgorithms.IsAsymmetric),
                at + $"Algorithms must list asymmetric algorithms only ({string.Join(", ", JwtAlgorithms.Asymmetric)}); never none or HS*.");
            problems.Require(client.JwksUrl is null || IsKeySetUrl(client.JwksUrl), at + "JwksUrl must be an absolute https URL.");
            problems.Require(client.AllowedJkuUrls.All(IsKeySetUrl), at + "AllowedJkuUrls must be absolute https URLs.");
            problems.Require(client.FhirServers.All(url => url.IsAbsoluteUri && url.Scheme is "http" or "https"),
                at + "FhirServers must be absolute http or https URLs.");
            problems.Require(client.Tenants.All(tenant => !string.IsNullOrWhiteSpace(tenant)), at + "Tenants must not contain empty values.");
            problems.Require(!client.AllowLoopbackFhirServers || environment.IsDevelopment(),
                at + $"AllowLoopbackFhirServers is allowed in Development only (this environment is {environment.EnvironmentName}): "
                + "it lets the client point the service at the host's own ports.");
        }

        return problems.Result;
    }

    // Keys fetched over plain http could be swapped in transit; Development allows it for local test servers.
    private bool IsKeySetUrl(Uri url)
        => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && environment.IsDevelopment()));
}
