using System.Security.Claims;
using System.Text.Encodings.Web;
using CdsHooksIcans.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// ASP.NET Core authentication scheme for CDS clients: <c>Authorization: Bearer</c> with a JWT checked by
/// <see cref="CdsJwtValidator"/>. A refusal is a 401 with <c>WWW-Authenticate: Bearer</c> and no body; why it was refused
/// goes to the debug log with iss and jti only, and each 401 is counted (<see cref="ClientRefusals"/>).
/// </summary>
/// <remarks>
/// The base class gets no logger: it would write "CdsClientJwt was not authenticated" and "was challenged" at Information
/// for every request without a valid token, health probes included. <see cref="ClientRefusals"/> reports 401s instead.
/// </remarks>
internal sealed class CdsClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILogger<CdsClientAuthenticationHandler> logger,
    UrlEncoder encoder,
    IOptionsMonitor<CdsAuthenticationOptions> authentication,
    IOptions<CdsEndpointOptions> endpoint,
    CdsJwtValidator validator,
    ClientRefusals refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, NullLoggerFactory.Instance, encoder)
{
    public const string SchemeName = "CdsClientJwt";

    private const string BearerPrefix = "Bearer ";
    private const string NoToken = "no Bearer token";

    // Why this request's token was refused, for the 401 report (null: no Authorization header); the handler serves one request.
    private string? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (authentication.CurrentValue.Mode == CdsAuthenticationMode.Disabled)
        {
            return AuthenticateResult.NoResult();
        }

        string? header = Request.Headers.Authorization;
        if (header is null)
        {
            // Anonymous, not refused: probes and health checks carry no token, and only a protected endpoint answers 401.
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Refused(NoToken, null, null);
        }

        var expectedAudience = EndpointUrl.Expected(Request, endpoint.Value.PublicBaseUrl);
        var check = await validator.ValidateAsync(header[BearerPrefix.Length..].Trim(), expectedAudience, Context.RequestAborted);
        if (check.Client is null)
        {
            return Refused(check.Reason!, check.Issuer, check.Jti);
        }

        AuthenticationLog.TokenAccepted(logger, check.Issuer!, check.Tenant, check.Jti!);
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
        if (_refusal is null)
        {
            // Said here, not when authenticating: only a protected endpoint refuses a request without a token.
            AuthenticationLog.TokenRefused(logger, NoToken, null, null);
        }

        refusals.Unauthorized(Context, _refusal ?? NoToken);
        return Task.CompletedTask;
    }

    private AuthenticateResult Refused(string reason, string? issuer, string? jti)
    {
        AuthenticationLog.TokenRefused(logger, reason, issuer, jti);
        _refusal = reason;
        return AuthenticateResult.Fail("The CDS client token was refused.");
    }
}
