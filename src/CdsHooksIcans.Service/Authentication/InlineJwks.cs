namespace CdsHooksIcans.Service.Authentication;

/// <summary>A JWK Set written in configuration: <c>{ "keys": [ { "kty": "EC", "crv": "P-384", ... } ] }</c>.</summary>
public sealed class InlineJwks
{
    public List<Dictionary<string, string>> Keys { get; set; } = [];
}
