using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class FeedbackTests : IDisposable
{
    // The cards of docs/requests/feedback-*.json, which the service must have issued before it takes feedback on them.
    private const string AcceptedCard = "4e0a3a1d-3283-4575-ab82-028d55fe2719";
    private const string OverriddenCard = "9368d37b-283f-44a0-93ea-547cebab93ed";
    private const string OperatorKey = "operator-key-for-tests-0123456789";

    private readonly CdsServiceFactory _factory;
    private readonly HttpClient _client;

    public FeedbackTests()
    {
        _factory = new CdsServiceFactory().WithSetting("CdsHooks:Feedback:OperatorKeySha256:0", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OperatorKey))));
        _client = _factory.CreateClient();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Feedback_Accepted_IsStoredInTheSqliteFile_WithTheCardItIsAbout()
    {
        await IssueAsync(AcceptedCard, OverriddenCard);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"received":1,"stored":1}""", await response.Content.ReadAsStringAsync());
        var rows = ReadRows();
        var row = Assert.Single(rows);
        Assert.Equal("test-patient-view", row["service_id"]);
        Assert.Equal("4e0a3a1d-3283-4575-ab82-028d55fe2719", row["card_uuid"]);
        Assert.Equal("accepted", row["outcome"]);
        Assert.Equal("2020-05-13T20:08:46.3650000Z", row["outcome_timestamp"]);
        Assert.Equal("""["e56e1945-20b3-4393-8503-a1a20fd73152"]""", row["accepted_suggestions"]);
        Assert.Equal("icans-grading-graded", row["template_id"]);
        Assert.Equal("grading", row["card_kind"]);
        Assert.Equal(3L, row["grade"]);
        Assert.Equal("graded", row["grade_status"]);
    }

    [Fact]
    public async Task Feedback_OverriddenWithoutDisplay_IsStored()
    {
        await IssueAsync(AcceptedCard, OverriddenCard);
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-overridden.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(ReadRows());
        Assert.Equal("overridden", row["outcome"]);
        Assert.Equal("reason-code-provided-by-service", row["override_reason_code"]);
        Assert.Null(row["override_reason_display"]);
    }

    [Fact]
    public async Task Feedback_Repeated_IsStoredOnce()
    {
        await IssueAsync(AcceptedCard, OverriddenCard);
        await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));
        var repeat = RequestFile("feedback-accepted.json");
        repeat["feedback"]![0]!["outcomeTimestamp"] = "2020-05-13T20:08:46.3650Z"; // same instant, other spelling

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", repeat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"received":1,"stored":0}""", await response.Content.ReadAsStringAsync());
        Assert.Single(ReadRows());
    }

    [Fact]
    public async Task Feedback_SameCardAtAnotherTime_IsStoredAgain()
    {
        await IssueAsync(AcceptedCard, OverriddenCard);
        await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));
        var later = RequestFile("feedback-accepted.json");
        later["feedback"]![0]!["outcomeTimestamp"] = "2020-05-13T20:10:00Z";

        await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", later);

        Assert.Equal(2, ReadRows().Count);
    }

    [Fact]
    public async Task Feedback_UnknownService_Is404()
    {
        var response = await _client.PostJsonAsync("/cds-services/no-such-service/feedback", RequestFile("feedback-accepted.json"));

        await response.ReadOutcomeAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("card", null, "required", "feedback[0].card")]
    [InlineData("outcome", null, "required", "feedback[0].outcome")]
    [InlineData("outcome", "\"ignored\"", "invalid", "feedback[0].outcome")]
    [InlineData("acceptedSuggestions", null, "required", "feedback[0].acceptedSuggestions")]
    [InlineData("acceptedSuggestions", "[]", "required", "feedback[0].acceptedSuggestions")]
    [InlineData("acceptedSuggestions", "[{\"uuid\":\"x\"}]", "required", "feedback[0].acceptedSuggestions[0].id")]
    [InlineData("outcomeTimestamp", null, "required", "feedback[0].outcomeTimestamp")]
    [InlineData("outcomeTimestamp", "\"2020-05-13 20:08:46\"", "invalid", "feedback[0].outcomeTimestamp")]
    [InlineData("outcomeTimestamp", "\"2020-05-13T20:08:46\"", "invalid", "feedback[0].outcomeTimestamp")]
    [InlineData("outcomeTimestamp", "\"yesterday\"", "invalid", "feedback[0].outcomeTimestamp")]
    [InlineData("overrideReason", "{}", "required", "feedback[0].overrideReason")]
    [InlineData("overrideReason", "{\"reason\":{\"code\":\"c\"}}", "required", "feedback[0].overrideReason.reason.system")]
    public async Task Feedback_InvalidItem_Is400NamingIndexAndField(string field, string? value, string code, string expression)
    {
        var body = RequestFile("feedback-accepted.json");
        var item = body["feedback"]![0]!.AsObject();
        if (value is null)
        {
            item.Remove(field);
        }
        else
        {
            item[field] = JsonNode.Parse(value);
        }

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", body);

        await response.AssertRejectedAsync(code, expression);
        Assert.Empty(ReadRows());
    }

    [Fact]
    public async Task Feedback_SecondItemInvalid_NamesItsIndexAndStoresNothing()
    {
        await IssueAsync(AcceptedCard, OverriddenCard);
        var body = RequestFile("feedback-accepted.json");
        var second = RequestFile("feedback-overridden.json")["feedback"]![0]!.DeepClone();
        second.AsObject().Remove("card");
        body["feedback"]!.AsArray().Add(second);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", body);

        await response.AssertRejectedAsync("required", "feedback[1].card");
        Assert.Empty(ReadRows());
    }

    [Theory]
    [InlineData("{}", "required")]
    [InlineData("""{"feedback":[]}""", "required")]
    [InlineData("""{"feedback":{}}""", "structure")]
    public async Task Feedback_NoItems_Is400(string body, string code)
    {
        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", JsonNode.Parse(body)!);

        await response.AssertRejectedAsync(code, "feedback");
    }

    [Fact]
    public async Task Feedback_RepeatedNameInAnItem_Is400Structure()
    {
        var body = """{"feedback":[{"card":"a","card":"b","outcome":"accepted","outcomeTimestamp":"2020-05-13T20:08:46Z"}]}"""u8.ToArray();

        var response = await _client.PostRawAsync("/cds-services/test-patient-view/feedback", body);

        await response.AssertRejectedAsync("structure", null);
        Assert.Empty(ReadRows());
    }

    [Theory]
    [InlineData("2020-05-13T20:08:46Z")]
    [InlineData("2020-05-13T20:08:46.365Z")]
    [InlineData("2020-05-13T22:08:46.365+02:00")]
    public async Task Feedback_Rfc3339Timestamps_AreAccepted(string timestamp)
    {
        await IssueAsync(AcceptedCard, OverriddenCard);
        var body = RequestFile("feedback-overridden.json");
        body["feedback"]![0]!["outcomeTimestamp"] = timestamp;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Feedback_OnACardNeverIssued_Is404NamingTheItem_AndStoresNothing()
    {
        await IssueAsync(AcceptedCard);
        var body = RequestFile("feedback-accepted.json");
        body["feedback"]!.AsArray().Add(RequestFile("feedback-overridden.json")["feedback"]![0]!.DeepClone());

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", body);

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.NotFound));
        Assert.Equal("not-found", issue.Code);
        Assert.Equal("feedback[1].card", issue.Expression);
        Assert.Empty(ReadRows());
    }

    [Fact]
    public async Task Feedback_OnACardOfAnotherService_Is404()
    {
        await IssueAsync(AcceptedCard);

        var response = await _client.PostJsonAsync("/cds-services/test-order-sign/feedback", RequestFile("feedback-accepted.json"));

        Assert.Equal("feedback[0].card", Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.NotFound)).Expression);
    }

    [Fact]
    public async Task Feedback_AfterTheRetentionPeriod_Is404()
    {
        using var factory = new CdsServiceFactory().WithFakeTime().WithSetting("CdsHooks:Feedback:IssuedCardRetention", "1.00:00:00");
        var client = factory.CreateClient();
        await IssueAsync(factory, client, AcceptedCard);
        factory.Time.Advance(TimeSpan.FromHours(23));
        var withinRetention = await client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));
        factory.Time.Advance(TimeSpan.FromHours(2));
        var later = RequestFile("feedback-accepted.json");
        later["feedback"]![0]!["outcomeTimestamp"] = "2020-05-14T20:08:46Z";

        var afterRetention = await client.PostJsonAsync("/cds-services/test-patient-view/feedback", later);

        Assert.Equal(HttpStatusCode.OK, withinRetention.StatusCode);
        Assert.Equal("feedback[0].card", Assert.Single(await afterRetention.ReadOutcomeAsync(HttpStatusCode.NotFound)).Expression);
    }

    [Fact]
    public async Task Feedback_ThousandsOfItems_Is400TooCostly_BeforeAnyIsRead()
    {
        var items = new JsonArray();
        for (var i = 0; i < 9000; i++)
        {
            items.Add(new JsonObject { ["card"] = $"card-{i}" });
        }

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", new JsonObject { ["feedback"] = items });

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("too-costly", issue.Code);
    }

    [Fact]
    public async Task Feedback_ManyInvalidItems_ListsAtMostTwentyIssues_AndSaysHowManyMore()
    {
        var items = new JsonArray();
        for (var i = 0; i < 50; i++)
        {
            items.Add(new JsonObject { ["outcome"] = "maybe" });
        }

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", new JsonObject { ["feedback"] = items });

        var issues = await response.ReadOutcomeAsync(HttpStatusCode.BadRequest);
        Assert.Equal(RequestIssues.MaxIssues + 1, issues.Count);
        Assert.Contains("more issue(s) of this request are not listed", issues[^1].Diagnostics, StringComparison.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 8 * 1024);
    }

    [Fact]
    public async Task Feedback_StoreUnreachable_Is503_WhileHooksStillAnswer_AndReadinessIsDegraded()
    {
        // A path under a file cannot become a directory: the store can never be opened.
        using var factory = new CdsServiceFactory().WithSetting("CdsHooks:Feedback:DatabasePath", "/dev/null/feedback/feedback.db");
        var client = factory.CreateClient();

        var hook = await client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());
        var feedback = await client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));
        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, hook.StatusCode);
        var issue = Assert.Single(await feedback.ReadOutcomeAsync(HttpStatusCode.ServiceUnavailable));
        Assert.Equal("transient", issue.Code);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Summary_CountsIssuedAcceptedAndOverriddenCards_ByCardAndGrade()
    {
        await IssueAsync(AcceptedCard, OverriddenCard, "00000000-0000-4000-8000-00000000000a");
        await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));
        var overridden = RequestFile("feedback-overridden.json");
        var accepted = RequestFile("feedback-accepted.json");
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        overridden["feedback"]![0]!["outcomeTimestamp"] = now;
        accepted["feedback"]![0]!["outcomeTimestamp"] = now;
        await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", overridden);
        await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", accepted);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services/test-patient-view/feedback/summary");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = Assert.Single((await response.ReadJsonAsync()).GetProperty("cards").EnumerateArray());
        Assert.Equal("grading", card.GetProperty("kind").GetString());
        Assert.Equal("icans-grading-graded", card.GetProperty("card").GetString());
        Assert.Equal(3, card.GetProperty("grade").GetInt32());
        Assert.Equal(3, card.GetProperty("issued").GetInt64());
        Assert.Equal(1, card.GetProperty("accepted").GetInt64());
        Assert.Equal(1, card.GetProperty("overridden").GetInt64());
        Assert.Equal(0.3333, card.GetProperty("acceptRate").GetDouble());
    }

    [Theory]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from")]
    [InlineData("?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task Summary_BadPeriod_Is400NamingTheParameter(string query, string expression)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services/test-patient-view/feedback/summary" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);

        var response = await _client.SendAsync(request);

        await response.AssertRejectedAsync("invalid", expression);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Summary_WithoutAConfiguredOperatorKey_Is401(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cds-services/test-patient-view/feedback/summary");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FileOfTheFirstRelease_IsMigrated_KeepingItsRows()
    {
        // The first release's table, with one row, and no schema_version: what an upgraded instance finds on disk.
        using var factory = new CdsServiceFactory();
        Directory.CreateDirectory(Path.GetDirectoryName(factory.DatabasePath)!);
        using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE feedback (id INTEGER PRIMARY KEY, service_id TEXT NOT NULL, card_uuid TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')), outcome_timestamp TEXT NOT NULL,
                    accepted_suggestions TEXT NOT NULL, override_reason_system TEXT NOT NULL, override_reason_code TEXT NOT NULL,
                    override_reason_display TEXT, user_comment TEXT, received_at TEXT NOT NULL,
                    UNIQUE (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions, override_reason_system, override_reason_code));
                INSERT INTO feedback (service_id, card_uuid, outcome, outcome_timestamp, accepted_suggestions, override_reason_system,
                    override_reason_code, received_at) VALUES ('test-patient-view', 'old-card', 'accepted', '2025-01-01T00:00:00.0000000Z', '', '', '', '2025-01-01T00:00:00.0000000Z');
                """;
            command.ExecuteNonQuery();
        }

        var client = factory.CreateClient();
        await IssueAsync(factory, client, AcceptedCard);
        var response = await client.PostJsonAsync("/cds-services/test-patient-view/feedback", RequestFile("feedback-accepted.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ReadRows(factory.DatabasePath);
        Assert.Equal(["old-card", AcceptedCard], rows.Select(r => (string)r["card_uuid"]!));
        Assert.Null(rows[0]["card_kind"]);
        Assert.Equal("grading", rows[1]["card_kind"]);
    }

    private Task IssueAsync(params string[] uuids) => IssueAsync(_factory, _client, uuids);

    // The test service answers with one grading card per uuid, as the real one would issue them.
    private static async Task IssueAsync(CdsServiceFactory factory, HttpClient client, params string[] uuids)
    {
        factory.PatientView.Behaviour = (_, _) => Task.FromResult(new CdsResponse([.. uuids.Select(uuid =>
            new Card("ICANS grade 3", "critical", new CardSource("ASTCT 2019")) { Uuid = uuid, Origin = new CardOrigin("icans-grading-graded", "grading", 3, "graded") })]));
        var response = await client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonNode RequestFile(string name) => JsonNode.Parse(File.ReadAllText(RepositoryRoot.File($"docs/requests/{name}")))!;

    // A fresh connection to the file proves the feedback is durable, not held in the service's memory.
    private List<Dictionary<string, object?>> ReadRows() => ReadRows(_factory.DatabasePath);

    private static List<Dictionary<string, object?>> ReadRows(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(connectionString.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM feedback ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}
