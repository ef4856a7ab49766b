namespace CdsHooksIcans.Service.Authentication;

/// <summary>The JWS algorithms a CDS client may be allowed to use: asymmetric only (CDS Hooks forbids none and HMAC).</summary>
internal static class JwtAlgorithms
{
    public static readonly IReadOnlyList<string> Asymmetric =
        ["ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

    public static bool IsAsymmetric(string algorithm) => Asymmetric.Contains(algorithm, StringComparer.Ordinal);
}
