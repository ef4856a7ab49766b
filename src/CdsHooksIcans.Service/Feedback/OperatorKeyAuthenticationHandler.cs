using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Operators reading the feedback summary: <c>Authorization: Bearer KEY</c>, where the SHA-256 of KEY is one of
/// <see cref="FeedbackOptions.OperatorKeySha256"/>. Only hashes are configured, so a leaked settings file grants nothing.
/// </summary>
internal sealed class OperatorKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<FeedbackOptions> feedback)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "FeedbackOperator";
    public const string Policy = "FeedbackOperator";

    private const string BearerPrefix = "Bearer ";
    private const int MaxKeyLength = 512;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length > BearerPrefix.Length + MaxKeyLength)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim()));
        foreach (var configured in feedback.CurrentValue.OperatorKeySha256)
        {
            // Constant time, so the answer's timing says nothing about how much of a hash matched.
            if (CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(configured)))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, SchemeName)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("The operator key is not configured."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}
