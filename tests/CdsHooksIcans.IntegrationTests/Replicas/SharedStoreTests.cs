using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Feedback;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>The Redis replay cache and the PostgreSQL feedback store against real servers, including an outage and recovery.</summary>
[Collection(ReplicaDeployment.Collection)]
public sealed class SharedStoreTests(ReplicaDeployment deployment)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Redis_RefusesASecondUseOfAJti_AcrossCacheInstances_UntilItExpires()
    {
        await using var first = new RedisJtiReplayCache(deployment.Redis.ConnectionString, TimeProvider.System);
        await using var second = new RedisJtiReplayCache(deployment.Redis.ConnectionString, TimeProvider.System);
        var jti = Guid.NewGuid().ToString();

        Assert.True(await first.TryAddAsync("https://ehr.test", jti, DateTimeOffset.UtcNow.AddSeconds(1), default));
        Assert.False(await second.TryAddAsync("https://ehr.test", jti, DateTimeOffset.UtcNow.AddSeconds(1), default));
        Assert.True(await second.TryAddAsync("https://other.test", jti, DateTimeOffset.UtcNow.AddSeconds(1), default));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.True(await second.TryAddAsync("https://ehr.test", jti, DateTimeOffset.UtcNow.AddSeconds(60), default));
    }

    [Fact]
    public async Task PostgreSql_MigratesOnce_FromTwoReplicasAtOnce_AndKeepsFeedbackIdempotent()
    {
        await using var replicaA = new PostgreSqlFeedbackStore(deployment.Postgres.ConnectionString);
        await using var replicaB = new PostgreSqlFeedbackStore(deployment.Postgres.ConnectionString);
        await Task.WhenAll(replicaA.MigrateAsync(default), replicaB.MigrateAsync(default));
        var service = "store-test-" + Guid.NewGuid().ToString("N")[..8];
        var card = new IssuedCard(service, Guid.NewGuid().ToString(), "icans-grading-graded", "grading", 3, "graded", Now);
        await replicaA.RecordIssuedAsync([card, card with { CardUuid = Guid.NewGuid().ToString(), Grade = 1 }], default);

        var found = await replicaB.FindIssuedAsync(service, [card.CardUuid, "never-issued"], Now.AddDays(-1), default);
        var feedback = new CardFeedback(new FeedbackItem(service, card.CardUuid, FeedbackParser.Overridden, [], new CdsCoding("urn:test", "not-icans"), null, Now), card);
        var stored = await replicaA.SaveAsync([feedback], Now, default);
        var repeated = await replicaB.SaveAsync([feedback], Now, default);
        var summary = await replicaB.SummarizeAsync(service, Now.AddHours(-1), Now.AddHours(1), default);

        Assert.Equal(card.CardUuid, Assert.Single(found).Key);
        Assert.Equal(card.IssuedAt.ToUnixTimeMilliseconds(), found[card.CardUuid].IssuedAt.ToUnixTimeMilliseconds());
        Assert.Equal((1, 0), (stored, repeated));
        Assert.Equal(2, await deployment.Postgres.CountAsync("SELECT max(version) FROM schema_version"));
        var grade3 = Assert.Single(summary, row => row.Grade == 3);
        Assert.Equal((1L, 0L, 1L), (grade3.Issued, grade3.Accepted, grade3.Overridden));
        Assert.Equal(1, Assert.Single(summary, row => row.Grade == 1).Issued);
    }
}
