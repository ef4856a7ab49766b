using System.Net;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class FeedbackTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new();
    private readonly HttpClient _client;

    public FeedbackTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Feedback_Accepted_IsStoredInTheSqliteFile()
    {
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
    }

    [Fact]
    public async Task Feedback_OverriddenWithoutDisplay_IsStored()
    {
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
        var body = RequestFile("feedback-overridden.json");
        body["feedback"]![0]!["outcomeTimestamp"] = timestamp;

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view/feedback", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static JsonNode RequestFile(string name) => JsonNode.Parse(File.ReadAllText(RepositoryRoot.File($"docs/requests/{name}")))!;

    // A fresh connection to the file proves the feedback is durable, not held in the service's memory.
    private List<Dictionary<string, object?>> ReadRows()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _factory.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
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
