using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// ASP.NET Core authentication scheme for CDS clients: <c>Authorization: Bearer</c> with a JWT checked by
/// <see cref="CdsJwtValidator"/>. A refusal is a 401 with <c>WWW-Authenticate: Bearer</c> and no body; why it was refused
/// goes to the debug log with iss and jti only.
/// </summary>
internal sealed class CdsClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<CdsAuthenticationOptions> authentication,
    IOptions<CdsEndpointOptions> endpoint,
    CdsJwtValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "CdsClientJwt";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (authentication.CurrentValue.Mode == CdsAuthenticationMode.Disabled)
        {
            return AuthenticateResult.NoResult();
        }

        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refused("no Bearer token", null, null);
        }

        var expectedAudience = EndpointUrl.Expected(Request, endpoint.Value.PublicBaseUrl);
        var check = await validator.ValidateAsync(header[BearerPrefix.Length..].Trim(), expectedAudience, Context.RequestAborted);
        if (check.Client is null)
        {
            return Refused(check.Reason!, check.Issuer, check.Jti);
        }

        AuthenticationLog.TokenAccepted(Logger, check.Issuer!, check.Tenant, check.Jti!);
        List<Claim> claims = [new(CdsClientClaims.Issuer, check.Issuer!), new(CdsClientClaims.TokenId, check.Jti!)];
        if (check.Tenant is not null)
        {
            claims.Add(new Claim(CdsClientClaims.Tenant, check.Tenant));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, CdsClientClaims.Issuer, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // No error description: a caller probing the service learns nothing about which check failed.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }

    private AuthenticateResult Refused(string reason, string? issuer, string? jti)
    {
        AuthenticationLog.TokenRefused(Logger, reason, issuer, jti);
        // The framework logs this message at Information; the reason stays in the debug line above.
        return AuthenticateResult.Fail("The CDS client token was refused.");
    }
}
