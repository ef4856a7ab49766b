using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// Checks a CDS client's JWT, one rule at a time, as CDS Hooks 2.0 "Trusting CDS Clients" and its best-practice list ask.
/// The checks are written out rather than delegated to a generic validator so each rule can be read, tested and changed.
/// </summary>
internal sealed class CdsJwtValidator(
    IOptionsMonitor<CdsAuthenticationOptions> options, ClientKeySets keySets, IJtiReplayCache replayCache, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    // Real client tokens are well under 2 KB; the limit keeps decoding cheap for anything else.
    public const int MaxTokenLength = 8 * 1024;
    public const int MaxJtiLength = 256;

    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    public async Task<TokenCheck> ValidateAsync(string token, string expectedAudience, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength || token.Split('.') is not [var encodedHeader, var encodedPayload, var encodedSignature]
            || encodedSignature.Length == 0)
        {
            return TokenCheck.Refused("not a signed compact JWT");
        }

        using var header = DecodeJson(encodedHeader);
        using var payload = DecodeJson(encodedPayload);
        if (header is null || payload is null)
        {
            return TokenCheck.Refused("header or payload is not a base64url JSON object");
        }

        var claims = payload.RootElement;
        var issuer = String(claims, "iss");
        var jti = String(claims, "jti");
        TokenCheck Refuse(string reason) => TokenCheck.Refused(reason, issuer, jti);

        if (issuer is null || options.CurrentValue.FindClient(issuer) is not { } client)
        {
            return Refuse("iss is missing or not an allowed client");
        }

        var head = header.RootElement;
        if (!string.Equals(String(head, "typ"), "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("typ is not JWT");
        }

        if (String(head, "alg") is not { } algorithm || !JwtAlgorithms.IsAsymmetric(algorithm) || !client.Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return Refuse("alg is not allowed for this client");
        }

        if (String(head, "kid") is not { Length: > 0 } kid)
        {
            return Refuse("kid is missing");
        }

        // RFC 7515: a token naming critical extensions this service does not implement must be refused.
        if (head.TryGetProperty("crit", out _))
        {
            return Refuse("crit extensions are not supported");
        }

        if (CheckClaims(claims, client, expectedAudience) is { } claimProblem)
        {
            return Refuse(claimProblem);
        }

        if (KeySource(client, head) is not { } source)
        {
            return Refuse("jku is not allowlisted for this client (nothing fetched)");
        }

        var key = await keySets.FindAsync(source, kid, cancellationToken);
        if (key is null)
        {
            return Refuse("kid is not in the client's key set");
        }

        if (!SignatureVerifies(key, algorithm, encodedHeader, encodedPayload, encodedSignature))
        {
            return Refuse("signature does not verify");
        }

        // Recorded last, so only tokens that passed every other check occupy the cache.
        var expires = NumericDate(claims, "exp")!.Value + ClockSkew;
        if (!await replayCache.TryRecordAsync(issuer, jti!, expires, cancellationToken))
        {
            return Refuse("jti was already used (replay)");
        }

        return TokenCheck.Accepted(client, issuer, jti!, String(claims, "tenant"));
    }

    private string? CheckClaims(JsonElement claims, CdsClientOptions client, string expectedAudience)
    {
        var now = time.GetUtcNow();

        if (!AudienceMatches(claims, expectedAudience))
        {
            return "aud does not name this endpoint";
        }

        if (NumericDate(claims, "exp") is not { } expires)
        {
            return "exp is missing or not a number";
        }

        if (expires + ClockSkew < now)
        {
            return "token has expired";
        }

        if (claims.TryGetProperty("nbf", out _) && (NumericDate(claims, "nbf") is not { } notBefore || notBefore - ClockSkew > now))
        {
            return "nbf is in the future or not a number";
        }

        if (NumericDate(claims, "iat") is not { } issuedAt || issuedAt - ClockSkew > now)
        {
            return "iat is missing, not a number or in the future";
        }

        if (String(claims, "jti") is not { Length: > 0 and <= MaxJtiLength })
        {
            return "jti is missing or too long";
        }

        if (client.Tenants.Count > 0 && (String(claims, "tenant") is not { } tenant || !client.Tenants.Contains(tenant, StringComparer.Ordinal)))
        {
            return "tenant is missing or not allowed";
        }

        return null;
    }

    private static bool AudienceMatches(JsonElement claims, string expected)
    {
        if (!claims.TryGetProperty("aud", out var audience))
        {
            return false;
        }

        return audience.ValueKind switch
        {
            JsonValueKind.String => EndpointUrl.SameEndpoint(audience.GetString()!, expected),
            JsonValueKind.Array => audience.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.String && EndpointUrl.SameEndpoint(item.GetString()!, expected)),
            _ => false,
        };
    }

    // Where the key comes from. A jku is honoured only when allowlisted; an inline key set is never replaced by a fetch.
    private static KeySetSource? KeySource(CdsClientOptions client, JsonElement header)
    {
        Uri? jku = null;
        if (header.TryGetProperty("jku", out var jkuValue))
        {
            var allowed = client.AllowedJkuUrls.Append(client.JwksUrl).OfType<Uri>();
            jku = jkuValue.ValueKind == JsonValueKind.String && Uri.TryCreate(jkuValue.GetString(), UriKind.Absolute, out var parsed)
                ? allowed.FirstOrDefault(url => url.AbsoluteUri == parsed.AbsoluteUri)
                : null;
            if (jku is null)
            {
                return null;
            }
        }

        if (client.Jwks is { } inline)
        {
            return new KeySetSource(inline, null);
        }

        return (jku ?? client.JwksUrl) is { } url ? new KeySetSource(null, url) : null;
    }

    private static bool SignatureVerifies(JsonWebKey key, string algorithm, string encodedHeader, string encodedPayload, string encodedSignature)
    {
        // The key must be of the algorithm's family and, when it says so, meant for this algorithm and for signatures.
        if (key.Kty != JwtAlgorithms.KeyType(algorithm)
            || (!string.IsNullOrEmpty(key.Alg) && key.Alg != algorithm)
            || (!string.IsNullOrEmpty(key.Use) && key.Use != JsonWebKeyUseNames.Sig))
        {
            return false;
        }

        SignatureProvider? provider = null;
        try
        {
            var signature = Base64UrlEncoder.DecodeBytes(encodedSignature);
            provider = CryptoProviderFactory.Default.CreateForVerifying(key, algorithm);
            return provider.Verify(Encoding.ASCII.GetBytes(encodedHeader + "." + encodedPayload), signature);
        }
        catch (Exception failure) when (failure is FormatException or ArgumentException or NotSupportedException or InvalidOperationException
            or System.Security.Cryptography.CryptographicException or SecurityTokenException)
        {
            return false;
        }
        finally
        {
            if (provider is not null)
            {
                CryptoProviderFactory.Default.ReleaseSignatureProvider(provider);
            }
        }
    }

    private static JsonDocument? DecodeJson(string base64Url)
    {
        try
        {
            var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(base64Url), StrictJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception failure) when (failure is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static string? String(JsonElement json, string name)
        => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // RFC 7519 NumericDate: seconds since the epoch, possibly fractional.
    private static DateTimeOffset? NumericDate(JsonElement json, string name)
    {
        const double LatestSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        return json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= LatestSeconds
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
                : null;
    }
}

/// <summary>The outcome of checking one token: the client it proves, or why it was refused (for the debug log only).</summary>
internal sealed record TokenCheck(CdsClientOptions? Client, string? Reason, string? Issuer, string? Jti, string? Tenant)
{
    public static TokenCheck Refused(string reason, string? issuer = null, string? jti = null) => new(null, reason, issuer, jti, null);

    public static TokenCheck Accepted(CdsClientOptions client, string issuer, string jti, string? tenant) => new(client, null, issuer, jti, tenant);
}
