using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class CardRulesTests
{
    private const string ValidResponse = """
        {
          "cards": [{
            "uuid": "c1",
            "summary": "ICANS grade 2: start dexamethasone",
            "indicator": "warning",
            "source": { "label": "ASTCT consensus grading" },
            "selectionBehavior": "at-most-one",
            "suggestions": [{
              "uuid": "s1",
              "label": "Order dexamethasone",
              "isRecommended": true,
              "actions": [
                { "type": "create", "description": "Add dexamethasone", "resource": { "resourceType": "MedicationRequest" } },
                { "type": "delete", "description": "Remove draft", "resourceId": "MedicationRequest/request-123" }
              ]
            }],
            "overrideReasons": [{ "code": "c", "system": "http://example.org", "display": "Not applicable" }],
            "links": [
              { "label": "Guideline", "url": "https://example.org/guideline", "type": "absolute" },
              { "label": "App", "url": "https://example.org/launch", "type": "smart", "appContext": "x" }
            ]
          }]
        }
        """;

    public static TheoryData<string, Action<JsonObject>> BrokenCards => new()
    {
        { "cards missing", body => body.Remove("cards") },
        { "summary of 140 characters", body => Card(body)["summary"] = new string('s', 140) },
        { "summary missing", body => Card(body).Remove("summary") },
        { "indicator success", body => Card(body)["indicator"] = "success" },
        { "source without label", body => Card(body)["source"] = new JsonObject { ["url"] = "https://example.org" } },
        { "card without uuid", body => Card(body).Remove("uuid") },
        { "suggestion without uuid", body => Suggestion(body).Remove("uuid") },
        { "suggestions without selectionBehavior", body => Card(body).Remove("selectionBehavior") },
        { "selectionBehavior all", body => Card(body)["selectionBehavior"] = "all" },
        { "two recommended with at-most-one", body => Card(body)["suggestions"]!.AsArray().Add(new JsonObject { ["uuid"] = "s2", ["label"] = "Other", ["isRecommended"] = true }) },
        { "action without description", body => Action(body, 0).Remove("description") },
        { "action type patch", body => Action(body, 0)["type"] = "patch" },
        { "delete without resourceId", body => Action(body, 1).Remove("resourceId") },
        { "delete with resource", body => Action(body, 1)["resource"] = new JsonObject { ["resourceType"] = "MedicationRequest" } },
        { "create without resource", body => Action(body, 0).Remove("resource") },
        { "override reason without display", body => Card(body)["overrideReasons"]![0]!.AsObject().Remove("display") },
        { "appContext on absolute link", body => Card(body)["links"]![0]!["appContext"] = "x" },
        { "link type relative", body => Card(body)["links"]![0]!["type"] = "relative" },
        { "null field", body => Card(body)["detail"] = null },
        { "empty string", body => Card(body)["detail"] = "" },
        { "empty array", body => Card(body)["links"] = new JsonArray() },
        { "empty object", body => Card(body)["extension"] = new JsonObject() },
        { "system action without description", body => body["systemActions"] = new JsonArray(new JsonObject { ["type"] = "create", ["resource"] = new JsonObject { ["resourceType"] = "Task" } }) },
    };

    [Fact]
    public void Check_ValidResponse_HasNoViolations()
    {
        Assert.Empty(CardRules.Check(Parse(ValidResponse)));
    }

    [Fact]
    public void Check_NoGuidance_HasNoViolations()
    {
        Assert.Empty(CardRules.Check(Parse("""{"cards":[]}""")));
    }

    [Theory]
    [MemberData(nameof(BrokenCards))]
    public void Check_BrokenCard_IsViolation(string breakage, Action<JsonObject> breakIt)
    {
        var body = JsonNode.Parse(ValidResponse)!.AsObject();
        breakIt(body);

        var violations = CardRules.Check(Parse(body.ToJsonString()));

        Assert.True(violations.Count > 0, $"'{breakage}' was not caught");
    }

    [Fact]
    public void CdsJson_EmptyOptionalLists_AreOmittedButCardsStays()
    {
        var response = new CdsResponse([new Card("Summary", "info", new CardSource("Source")) { Uuid = "c1", Links = [], Suggestions = [] }]);

        var json = JsonSerializer.Serialize(response, CdsJson.Options);

        Assert.Equal("""{"cards":[{"summary":"Summary","indicator":"info","source":{"label":"Source"},"uuid":"c1"}]}""", json);
        Assert.Equal("""{"cards":[]}""", JsonSerializer.Serialize(CdsResponse.Empty, CdsJson.Options));
    }

    private static JsonObject Card(JsonObject body) => body["cards"]![0]!.AsObject();

    private static JsonObject Suggestion(JsonObject body) => Card(body)["suggestions"]![0]!.AsObject();

    private static JsonObject Action(JsonObject body, int index) => Suggestion(body)["actions"]![index]!.AsObject();

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
