namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// Remembers token ids so a captured token cannot be replayed: IdentityModel's <c>ITokenReplayCache</c> in shape (add an
/// id until it expires, refused when already there), but async, so a shared store (Redis <c>SET NX</c> with an expiry)
/// can stand behind it without blocking a thread, and keyed by iss and jti, so no token is ever stored.
/// </summary>
public interface IJtiReplayCache
{
    /// <summary>Adds <paramref name="jti"/> of <paramref name="issuer"/> until <paramref name="expiresOn"/>; false when it was already there.</summary>
    ValueTask<bool> TryAddAsync(string issuer, string jti, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}
