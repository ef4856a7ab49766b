using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Service.Tests.Authentication;

/// <summary>Key pairs generated per test run, their JWK Set, and a minter for CDS client JWTs (valid or deliberately broken).</summary>
public sealed class TestClientKeys : IDisposable
{
    public ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    public RSA Rsa { get; } = RSA.Create(2048);

    public string EcKid { get; init; } = "ec-" + Guid.NewGuid().ToString("N")[..8];

    public string RsaKid { get; init; } = "rsa-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The EC public point as JWK x and y.</summary>
    public (string X, string Y) EcPoint
    {
        get
        {
            var point = Ec.ExportParameters(includePrivateParameters: false).Q;
            return (Base64UrlEncoder.Encode(point.X!), Base64UrlEncoder.Encode(point.Y!));
        }
    }

    public JsonObject EcJwk()
    {
        var (x, y) = EcPoint;
        return new JsonObject { ["kty"] = "EC", ["use"] = "sig", ["crv"] = "P-384", ["kid"] = EcKid, ["x"] = x, ["y"] = y, ["alg"] = "ES384" };
    }

    public JsonObject RsaJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = RsaKid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus!), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent!),
        };
    }

    public static string Jwks(params JsonObject[] keys) => new JsonObject { ["keys"] = new JsonArray([.. keys]) }.ToJsonString();

    /// <summary>A header as a CDS client sends it; tests change fields to break it.</summary>
    public JsonObject Header(string alg = "ES384") => new() { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = alg.StartsWith("ES", StringComparison.Ordinal) ? EcKid : RsaKid };

    /// <summary>Claims as a CDS client sends them, issued now and valid five minutes.</summary>
    public static JsonObject Claims(string issuer, string audience, DateTimeOffset now) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        ["iat"] = now.ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString(),
    };

    /// <summary>Signs with the algorithm the header names (ES*, RS*, HS* with <paramref name="hmacSecret"/>, or none).</summary>
    public string Mint(JsonObject header, JsonObject claims, byte[]? hmacSecret = null)
    {
        var signingInput = Encode(header) + "." + Encode(claims);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var alg = header["alg"]!.GetValue<string>();
        byte[] signature = alg switch
        {
            "none" => [],
            "ES384" => Ec.SignData(data, HashAlgorithmName.SHA384),
            "RS384" => Rsa.SignData(data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1),
            "RS256" => Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "HS256" => HMACSHA256.HashData(hmacSecret!, data),
            _ => throw new ArgumentException("No signer for " + alg),
        };
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string Encode(JsonNode json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public void Dispose()
    {
        Ec.Dispose();
        Rsa.Dispose();
    }
}
