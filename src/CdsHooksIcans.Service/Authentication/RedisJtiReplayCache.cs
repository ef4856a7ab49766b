using System.Security.Cryptography;
using System.Text;
using CdsHooksIcans.Service.Protocol;
using StackExchange.Redis;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>
/// The replay cache replicas share: one Redis <c>SET key NX PX ttl</c> per token, so a token seen by any replica is refused
/// by all of them until it expires. When Redis cannot answer, the check fails closed (<see cref="DependencyUnavailableException"/>,
/// a 503): accepting a token nobody could check for replay would reopen what the cache closes.
/// </summary>
internal sealed class RedisJtiReplayCache : IJtiReplayCache, IAsyncDisposable
{
    public const string ConnectionStringName = "Redis";
    public const string KeyPrefix = "cdshooks-icans:jti:";
    private const string Dependency = "token replay cache (Redis)";

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly TimeProvider _time;

    public RedisJtiReplayCache(string configuration, TimeProvider time)
    {
        _time = time;
        var options = ConfigurationOptions.Parse(configuration);
        // Start, and keep reconnecting, while Redis is down; a token check never waits in a backlog for it to return.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(options));
    }

    public async ValueTask<bool> TryAddAsync(string issuer, string jti, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        // An expired token was refused before this; at least a second keeps the key valid for Redis.
        var timeToLive = expiresOn - _time.GetUtcNow();
        if (timeToLive < TimeSpan.FromSeconds(1))
        {
            timeToLive = TimeSpan.FromSeconds(1);
        }

        try
        {
            var redis = await _connection.Value.WaitAsync(cancellationToken);
            return await redis.GetDatabase().StringSetAsync(Key(issuer, jti), RedisValue.EmptyString, timeToLive, When.NotExists);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new DependencyUnavailableException(Dependency, exception.GetType().Name);
        }
    }

    /// <summary>Whether Redis answers a PING now (readiness).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        var redis = await _connection.Value.WaitAsync(cancellationToken);
        await redis.GetDatabase().PingAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync();
        }
    }

    // Fixed-length keys: neither the issuer nor the token id is stored in the clear.
    internal static string Key(string issuer, string jti)
        => KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + jti)));
}
