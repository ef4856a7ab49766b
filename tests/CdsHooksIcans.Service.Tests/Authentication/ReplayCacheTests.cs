using CdsHooksIcans.Service.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace CdsHooksIcans.Service.Tests.Authentication;

public sealed class ReplayCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Record_SameIssuerAndJtiTwice_IsRefusedTheSecondTime()
    {
        var cache = new InMemoryJtiReplayCache(_time);
        var expires = _time.GetUtcNow().AddMinutes(5);

        Assert.True(await cache.TryAddAsync("https://ehr.test", "jti-1", expires, default));
        Assert.False(await cache.TryAddAsync("https://ehr.test", "jti-1", expires, default));
        Assert.True(await cache.TryAddAsync("https://other.test", "jti-1", expires, default));
    }

    [Fact]
    public async Task Record_AfterTheTokenExpiredAndASweep_IsForgotten()
    {
        var cache = new InMemoryJtiReplayCache(_time);
        Assert.True(await cache.TryAddAsync("https://ehr.test", "jti-1", _time.GetUtcNow().AddMinutes(5), default));

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await cache.TryAddAsync("https://ehr.test", "jti-2", _time.GetUtcNow().AddMinutes(5), default));

        Assert.True(await cache.TryAddAsync("https://ehr.test", "jti-1", _time.GetUtcNow().AddMinutes(5), default));
    }
}
