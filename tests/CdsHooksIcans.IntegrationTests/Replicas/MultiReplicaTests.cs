using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Scenarios;
using Xunit.Abstractions;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>
/// Two replicas behind nginx on one Redis and one PostgreSQL (docs/deployment.md): a token is good once across replicas,
/// feedback from both lands in one database, a replica killed under load costs no accepted request a 5xx and loses no
/// feedback, and a Redis or PostgreSQL outage gets its documented answer and heals without a restart.
/// </summary>
[Collection(ReplicaDeployment.Collection)]
public sealed class MultiReplicaTests(ReplicaDeployment deployment, ITestOutputHelper output)
{
    private const string PatientView = "/cds-services/icans-patient-view";
    private const string Feedback = PatientView + "/feedback";
    private const string Scenario = "Bundle-scenario-grade-3.json";
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Token_ReplayedToTheOtherReplica_IsRefused()
    {
        var token = deployment.Token("/cds-services");
        using var plain = new HttpClient();

        var first = await SendWithTokenAsync(plain, deployment.Replicas[0].BaseUrl, token);
        var replay = await SendWithTokenAsync(plain, deployment.Replicas[1].BaseUrl, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Fact]
    public async Task Feedback_ThroughBothReplicas_LandsInOneDatabase()
    {
        var cards = await IssueCardsAsync(deployment.Client(deployment.Replicas[0].BaseUrl), calls: 2);
        var toA = deployment.Client(deployment.Replicas[0].BaseUrl);
        var toB = deployment.Client(deployment.Replicas[1].BaseUrl);

        var viaA = await toA.PostAsync(new Uri(Feedback, UriKind.Relative), FeedbackBody(cards[0]));
        var viaB = await toB.PostAsync(new Uri(Feedback, UriKind.Relative), FeedbackBody(cards[1]));

        Assert.Equal(HttpStatusCode.OK, viaA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaB.StatusCode);
        Assert.Equal(2, await deployment.Postgres.CountAsync(
            $"SELECT count(*) FROM feedback WHERE card_uuid IN ('{cards[0]}', '{cards[1]}') AND card_kind IS NOT NULL"));
    }

    [Fact]
    public async Task ReplicaKilledUnderLoad_NoAcceptedRequestGetsA5xx_AndNoFeedbackIsLost()
    {
        using var client = deployment.Client();
        var cards = await IssueCardsAsync(client, calls: 200);
        var request = await PatientViewRequestAsync(client);
        var statuses = new ConcurrentBag<(string Kind, int Status)>();
        var acceptedFeedback = new ConcurrentBag<string>();
        var refusedFeedback = new ConcurrentBag<string>();
        var completed = 0;
        var operations = cards.Count * 2;

        var killed = Task.Run(async () =>
        {
            while (Volatile.Read(ref completed) < operations / 3)
            {
                await Task.Delay(5);
            }

            deployment.Replicas[1].Kill();
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, operations), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var isFeedback = i % 2 == 0;
            using var body = isFeedback ? FeedbackBody(cards[i / 2]) : Json(request);
            int status;
            try
            {
                using var response = await client.PostAsync(new Uri(isFeedback ? Feedback : PatientView, UriKind.Relative), body, token);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }

            statuses.Add((isFeedback ? "feedback" : "hook", status));
            if (isFeedback)
            {
                (status == 200 ? acceptedFeedback : refusedFeedback).Add(cards[i / 2]);
            }

            Interlocked.Increment(ref completed);
        });
        await killed;
        var stored = await deployment.Postgres.ValuesAsync(
            $"SELECT DISTINCT card_uuid FROM feedback WHERE card_uuid IN ({string.Join(", ", cards.Select(c => $"'{c}'"))})");
        await deployment.Replicas[1].StartAgainAsync(deployment.Settings());

        var failed = statuses.Count(s => s.Status is 0 or >= 500);
        // A request the killed replica had taken (and whose token it had recorded) is retried by nginx with the same token:
        // the other replica refuses that replay (401), and the EHR's next call carries a new token (docs/adr/0027).
        var replayed = statuses.Count(s => s.Status == 401);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replica-kill: {operations} requests through nginx at concurrency 16 ({operations / 2} hook calls, {operations / 2} feedback), 1 replica killed after {operations / 3}; " +
            $"statuses {string.Join(", ", statuses.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}; " +
            $"feedback answered 200 {acceptedFeedback.Count}, all stored: {acceptedFeedback.All(stored.Contains)}; rows {stored.Count}; " +
            $"5xx or no answer {failed}; in-flight retries refused as replays {replayed}"));
        Assert.Equal(0, failed);
        Assert.All(statuses, s => Assert.True(s.Status is 200 or 401, $"{s.Kind} answered {s.Status}"));
        Assert.InRange(replayed, 0, 16);
        // Every feedback answered 200 is stored; a refused retry may be stored too (the killed replica had stored it), never more.
        Assert.All(acceptedFeedback, card => Assert.Contains(card, stored));
        Assert.All(stored.Except(acceptedFeedback), card => Assert.Contains(card, refusedFeedback));
    }

    [Fact]
    public async Task RedisStopped_AuthenticatedCallsAre503_ThenHealWithoutARestart()
    {
        using var client = deployment.Client();
        await deployment.Redis.StopAsync();
        HttpResponseMessage during;
        try
        {
            during = await client.GetAsync(new Uri("/cds-services", UriKind.Relative));
        }
        finally
        {
            await deployment.Redis.StartAgainAsync();
        }

        // Healed means every replica: each reconnects on its own.
        var replicas = deployment.Replicas.Select(r => deployment.Client(r.BaseUrl)).ToList();
        var healed = await EventuallyAsync(async () =>
            (await Task.WhenAll(replicas.Select(r => r.GetAsync(new Uri("/cds-services", UriKind.Relative))))).All(r => r.StatusCode == HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Contains("\"code\":\"transient\"", await during.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(during.Headers.RetryAfter);
        output.WriteLine($"redis-outage: answered {(int)during.StatusCode}; healed after {healed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task PostgreSqlStopped_HooksStillAnswer_FeedbackIs503_ThenHealsWithoutARestart()
    {
        using var client = deployment.Client();
        var cards = await IssueCardsAsync(client, calls: 2);
        var request = await PatientViewRequestAsync(client);
        await deployment.Postgres.StopAsync();
        HttpResponseMessage hook, feedback, ready;
        try
        {
            hook = await client.PostAsync(new Uri(PatientView, UriKind.Relative), Json(request));
            feedback = await client.PostAsync(new Uri(Feedback, UriKind.Relative), FeedbackBody(cards[0]));
            ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        }
        finally
        {
            await deployment.Postgres.StartAgainAsync();
        }

        var healed = await EventuallyAsync(async () => (await client.PostAsync(new Uri(Feedback, UriKind.Relative), FeedbackBody(cards[1]))).StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        Assert.NotEmpty((await hook.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, feedback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
        output.WriteLine($"postgresql-outage: hook {(int)hook.StatusCode}, feedback {(int)feedback.StatusCode}, readyz {(int)ready.StatusCode}; healed after {healed.TotalSeconds:0.0} s");
    }

    private static async Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, Uri baseUrl, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "/cds-services"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> PatientViewRequestAsync(HttpClient client)
    {
        var resources = ReplicaDeployment.ScenarioNow(Scenario);
        var patientId = (string)resources.Single(r => (string)r["resourceType"]! == "Patient")["id"]!;
        return await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources);
    }

    /// <summary>Card uuids from <paramref name="calls"/> patient-view calls; each answer has the grading and the management card.</summary>
    private static async Task<List<string>> IssueCardsAsync(HttpClient client, int calls)
    {
        var request = await PatientViewRequestAsync(client);
        var cards = new List<string>();
        for (var i = 0; i < calls; i++)
        {
            var response = await client.PostAsync(new Uri(PatientView, UriKind.Relative), Json(request));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            cards.AddRange((await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray().Select(c => (string)c!["uuid"]!));
        }

        Assert.NotEmpty(cards);
        // Issued-card records are written off the hook's path; give the writers a moment before other replicas are asked.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        return cards;
    }

    private static StringContent FeedbackBody(string card) => Json(new JsonObject
    {
        ["feedback"] = new JsonArray(new JsonObject
        {
            ["card"] = card,
            ["outcome"] = "overridden",
            ["overrideReason"] = new JsonObject { ["userComment"] = "load test" },
            ["outcomeTimestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        }),
    });

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < Recovery)
        {
            try
            {
                if (await condition())
                {
                    return DateTime.UtcNow - started;
                }
            }
            catch (HttpRequestException)
            {
                // Still down.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Not healed within {Recovery.TotalSeconds} s.");
    }
}
