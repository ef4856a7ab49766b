using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// The public keys of CDS clients: inline from configuration, or fetched from a configured or allowlisted JWK Set URL and
/// cached. An unknown <c>kid</c> triggers a refetch (key rotation), at most once a minute per URL so a stream of forged
/// <c>kid</c>s cannot turn the service into a request amplifier against the client.
/// </summary>
internal sealed class ClientKeySets(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<ClientKeySets> logger)
{
    public const string HttpClientName = "CdsHooksIcans.Jwks";
    public const int MaxKeySetBytes = 64 * 1024;
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(1);

    // Even without an unknown kid, keys are refetched this often so a revoked key stops working.
    public static readonly TimeSpan MaximumAge = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, CachedKeySet> _cache = new(StringComparer.Ordinal);

    // Parsed once per configured set; a configuration reload brings new instances and lets the old ones go.
    private readonly ConditionalWeakTable<InlineJwks, IReadOnlyList<JsonWebKey>> _inline = new();

    /// <summary>The key with <paramref name="kid"/> from <paramref name="source"/>, or null when the set has none.</summary>
    public async Task<JsonWebKey?> FindAsync(KeySetSource source, string kid, CancellationToken cancellationToken)
    {
        if (source.Inline is { } inline)
        {
            return Find(_inline.GetValue(inline, FromConfiguration), kid);
        }

        var url = source.Url!;
        var entry = _cache.GetOrAdd(url.AbsoluteUri, _ => new CachedKeySet());
        if (entry.Keys is { } cached && Find(cached, kid) is { } key && time.GetUtcNow() - entry.FetchedAt < MaximumAge)
        {
            return key;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have refreshed while this one waited.
            var now = time.GetUtcNow();
            var stale = entry.Keys is null || now - entry.FetchedAt >= MaximumAge || Find(entry.Keys, kid) is null;
            if (stale && now - entry.LastAttempt >= MinimumRefreshInterval)
            {
                entry.LastAttempt = now;
                if (await FetchAsync(url, cancellationToken) is { } fetched)
                {
                    entry.Keys = fetched;
                    entry.FetchedAt = now;
                }
            }

            return entry.Keys is { } keys ? Find(keys, kid) : null;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Parses JWKs, keeping public signing keys only: a configured or published private or symmetric key, or one meant for
    /// encryption, is ignored.
    /// </summary>
    public static IReadOnlyList<JsonWebKey> Parse(string json)
    {
        var set = new JsonWebKeySet(json) { SkipUnresolvedJsonWebKeys = true };
        return [.. set.Keys.Where(key => key.Kty is JsonWebAlgorithmsKeyTypes.EllipticCurve or JsonWebAlgorithmsKeyTypes.RSA && !key.HasPrivateKey
            && (string.IsNullOrEmpty(key.Use) || key.Use == JsonWebKeyUseNames.Sig))];
    }

    public static IReadOnlyList<JsonWebKey> FromConfiguration(InlineJwks jwks)
        => Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = jwks.Keys }));

    private static JsonWebKey? Find(IReadOnlyList<JsonWebKey> keys, string kid)
        => keys.FirstOrDefault(key => string.Equals(key.Kid, kid, StringComparison.Ordinal));

    private async Task<IReadOnlyList<JsonWebKey>?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                AuthenticationLog.KeySetFetchFailed(logger, url.AbsoluteUri, $"status {(int)response.StatusCode}");
                return null;
            }

            var keys = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            AuthenticationLog.KeySetFetched(logger, url.AbsoluteUri, keys.Count);
            return keys;
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or ArgumentException or InvalidOperationException or JsonException)
        {
            // Unreachable, too slow, too large or not a JWK Set: the token fails; the previous keys (if any) stay.
            AuthenticationLog.KeySetFetchFailed(logger, url.AbsoluteUri, failure.GetType().Name);
            return null;
        }
    }

    private sealed class CachedKeySet
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IReadOnlyList<JsonWebKey>? Keys { get; set; }

        public DateTimeOffset FetchedAt { get; set; }

        public DateTimeOffset LastAttempt { get; set; } = DateTimeOffset.MinValue;
    }
}
