using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// Checks a CDS client's JWT as CDS Hooks 2.0 "Trusting CDS Clients" and its best-practice list ask. IdentityModel's
/// <see cref="JsonWebTokenHandler"/> reads the token and checks what <see cref="ClientTokenParameters"/> sets for the
/// client (typ, alg, iss, aud, exp, nbf, signature); this class adds what CDS Hooks asks beyond that (kid, crit, iat, jti,
/// tenant, the jku allowlist and the replay cache) and names the reason of a refusal for the debug log.
/// </summary>
internal sealed class CdsJwtValidator(
    IOptionsMonitor<CdsAuthenticationOptions> options, ClientKeySets keySets, IJtiReplayCache replayCache, TimeProvider time)
{
    // Real client tokens are well under 2 KB; the limit keeps reading cheap for anything else.
    public const int MaxTokenLength = 8 * 1024;
    public const int MaxJtiLength = 256;

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaxTokenLength };

    public async Task<TokenCheck> ValidateAsync(string token, string expectedAudience, CancellationToken cancellationToken)
    {
        // A JWS has three parts and a signature; a JWE (five parts) or an unsigned token is refused unread.
        if (token.Length > MaxTokenLength || token.AsSpan().Count('.') != 2 || token.EndsWith('.'))
        {
            return TokenCheck.Refused("not a signed compact JWT");
        }

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Refused("header or payload is not a base64url JSON object");
        }

        var (issuer, jti) = (jwt.Issuer, jwt.Id);
        TokenCheck Refuse(string reason) => TokenCheck.Refused(reason, issuer, jti);

        if (options.CurrentValue.FindClient(issuer) is not { } client)
        {
            return Refuse("iss is missing or not an allowed client");
        }

        if (CdsRuleBroken(jwt, client) is { } broken)
        {
            return Refuse(broken);
        }

        if (KeySetSource.For(client, jwt.TryGetHeaderValue<object>(JwtHeaderParameterNames.Jku, out var jku) ? jku : null) is not { } source)
        {
            return Refuse("jku is not allowlisted for this client (nothing fetched)");
        }

        if (await keySets.FindAsync(source, jwt.Kid, cancellationToken) is not { } key)
        {
            return Refuse("kid is not in the client's key set");
        }

        if (!string.IsNullOrEmpty(key.Alg) && key.Alg != jwt.Alg)
        {
            return Refuse("kid names a key for another alg");
        }

        var result = await Handler.ValidateTokenAsync(jwt, ClientTokenParameters.For(client, expectedAudience, key, time));
        if (!result.IsValid)
        {
            return Refuse(Reason(result.Exception));
        }

        // Recorded last, so only tokens that passed every other check occupy the cache.
        if (!await replayCache.TryAddAsync(issuer, jti, jwt.ValidTo + ClientTokenParameters.ClockSkew, cancellationToken))
        {
            return Refuse("jti was already used (replay)");
        }

        return TokenCheck.Accepted(client, issuer, jti, Tenant(jwt));
    }

    // What CDS Hooks asks of a token beyond the handler's checks, read before any key is looked up.
    private string? CdsRuleBroken(JsonWebToken jwt, CdsClientOptions client)
    {
        // Also in the handler's parameters; checked here first so a foreign alg never costs a key-set fetch.
        if (!client.Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return "alg is not allowed for this client";
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return "kid is missing";
        }

        // RFC 7515: a token naming critical extensions this service does not implement must be refused.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return "crit extensions are not supported";
        }

        if (NumericDateWrittenAsText(jwt) is { } claim)
        {
            return claim switch
            {
                JwtRegisteredClaimNames.Exp => "exp is missing or not a number",
                JwtRegisteredClaimNames.Nbf => "nbf is in the future or not a number",
                _ => "iat is missing, not a number or in the future",
            };
        }

        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var issuedAt)
            || DateTimeOffset.FromUnixTimeSeconds(issuedAt) - ClientTokenParameters.ClockSkew > time.GetUtcNow())
        {
            return "iat is missing, not a number or in the future";
        }

        if (jwt.Id is not { Length: > 0 and <= MaxJtiLength })
        {
            return "jti is missing or too long";
        }

        if (client.Tenants.Count > 0 && (Tenant(jwt) is not { } tenant || !client.Tenants.Contains(tenant, StringComparer.Ordinal)))
        {
            return "tenant is missing or not allowed";
        }

        return null;
    }

    private static string? Tenant(JsonWebToken jwt) => jwt.TryGetPayloadValue<string>(CdsClientClaims.Tenant, out var tenant) ? tenant : null;

    // RFC 7519 NumericDates are JSON numbers; the handler also reads "1740830400" as one, which CDS clients never send.
    private static string? NumericDateWrittenAsText(JsonWebToken jwt)
    {
        var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals(JwtRegisteredClaimNames.Exp) ? JwtRegisteredClaimNames.Exp
                : reader.ValueTextEquals(JwtRegisteredClaimNames.Nbf) ? JwtRegisteredClaimNames.Nbf
                : reader.ValueTextEquals(JwtRegisteredClaimNames.Iat) ? JwtRegisteredClaimNames.Iat
                : null;
            reader.Read();
            if (name is not null && reader.TokenType != JsonTokenType.Number)
            {
                return name;
            }

            reader.Skip();
        }

        return null;
    }

    // The handler's exception says which rule failed; only its type is used, its message may describe the token.
    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenInvalidAudienceException => "aud does not name this endpoint",
        SecurityTokenNoExpirationException => "exp is missing or not a number",
        SecurityTokenExpiredException => "token has expired",
        SecurityTokenNotYetValidException => "nbf is in the future or not a number",
        SecurityTokenInvalidTypeException => "typ is not JWT",
        SecurityTokenInvalidAlgorithmException => "alg is not allowed for this client",
        SecurityTokenInvalidIssuerException => "iss is missing or not an allowed client",
        SecurityTokenSignatureKeyNotFoundException => "kid is not in the client's key set",
        SecurityTokenInvalidSignatureException => "signature does not verify",
        _ => "refused by the token handler (" + (failure?.GetType().Name ?? "no reason given") + ")",
    };
}
