using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// What <see cref="Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler"/> checks for one CDS client's token: the
/// client's iss and algorithms, typ JWT, aud naming the called endpoint, exp required and exp/nbf within the skew, and the
/// signature by the key its kid named. Claims are checked before the signature, so a token refused on its face costs no
/// signature verification.
/// </summary>
internal static class ClientTokenParameters
{
    /// <summary>How far the client's clock may be off: exp, nbf and iat are each allowed this much.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    public static TokenValidationParameters For(CdsClientOptions client, string expectedAudience, SecurityKey key, TimeProvider time) => new()
    {
        ValidIssuer = client.Issuer,
        ValidAlgorithms = client.Algorithms,
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        ValidateSignatureLast = true,
        AudienceValidator = (audiences, _, _) => audiences.Any(audience => EndpointUrl.SameEndpoint(audience, expectedAudience)),
        TypeValidator = static (type, _, _) => IsJwt(type) ? type : throw new SecurityTokenInvalidTypeException("typ is not JWT"),
        ValidateLifetime = true,
        LifetimeValidator = (notBefore, expires, _, _) => WithinLifetime(notBefore, expires, time.GetUtcNow().UtcDateTime),
        // The jti is recorded by IJtiReplayCache after every other check passed; IdentityModel's cache would store the token.
        ValidateTokenReplay = false,
    };

    // The handler's own lifetime check reads the system clock; this one reads the service's, and requires exp.
    private static bool WithinLifetime(DateTime? notBefore, DateTime? expires, DateTime now)
    {
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("exp is missing");
        }

        if (expires.Value + ClockSkew < now)
        {
            throw new SecurityTokenExpiredException("token has expired");
        }

        if (notBefore - ClockSkew > now)
        {
            throw new SecurityTokenNotYetValidException("nbf is in the future");
        }

        return true;
    }

    // RFC 7515 compares typ without case; CDS Hooks fixes it to JWT.
    private static bool IsJwt(string? type) => string.Equals(type, "JWT", StringComparison.OrdinalIgnoreCase);
}
