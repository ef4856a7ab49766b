using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.ChartSequences;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;

namespace CdsHooksIcans.Service.Tests.OrderSign;

/// <summary>
/// Every row of order-sign-cases.json, end to end: the chart and active orders as prefetch from the service's own
/// templates, the drafts as context.draftOrders, and the cards the answer must hold (in order, and nothing more).
/// </summary>
public sealed class OrderSignCaseTests(ChartSequenceService service) : IClassFixture<ChartSequenceService>
{
    private static readonly JsonObject Table = JsonNode.Parse(File.ReadAllText(
        RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "OrderSign", "order-sign-cases.json"))))!.AsObject();

    private static IEnumerable<JsonObject> Rows => Table["rows"]!.AsArray().Select(r => r!.AsObject());

    public static TheoryData<string> Keys() => [.. Rows.Select(r => (string)r["key"]!)];

    [Fact]
    public void Table_IsWrittenAroundTheChartTablesTime_AndCoversQuietAndEveryCheck()
    {
        Assert.Equal(ChartSequenceTable.Now, DateTimeOffset.Parse((string)Table["now"]!, CultureInfo.InvariantCulture));
        var keys = Rows.Select(r => (string)r["key"]!).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(Rows.Count(r => r["expect"]!.AsArray().Count == 0) >= 8, "fewer than 8 quiet rows");
        var summaries = Rows.SelectMany(r => r["expect"]!.AsArray()).Select(e => (string)e!["summary"]!).ToList();
        foreach (var check in new[] { "below ICANS", "escalate to", "no corticosteroid regimen", "dose not readable", "not indicated for ICANS without CRS", "confirm and record CRS", "above the safety limit", "antiseizure prophylaxis" })
        {
            Assert.Contains(summaries, s => s.Contains(check, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Row_GetsTheCardsTheTableSays(string key)
    {
        var row = Rows.Single(r => (string)r["key"]! == key);
        var (patientId, subject, resources) = Chart(row);
        var drafts = row["drafts"]!.AsArray().Select(d => WithSubject(d!.AsObject(), subject)).ToList();
        using var client = service.Factory.CreateClient();
        var body = await TemplatePrefetch.OrderSignRequestAsync(client, patientId, resources, drafts);

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.OrderSignId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var expected = row["expect"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.True(expected.Count == cards.Count, $"{key}: {cards.Count} cards, expected {expected.Count}:\n{string.Join("\n", cards.Select(c => (string)c["summary"]!))}");
        foreach (var (card, expect) in cards.Zip(expected))
        {
            var summary = (string)card["summary"]!;
            var detail = Unescaped((string)card["detail"]!);
            Assert.True(summary.Contains((string)expect["summary"]!, StringComparison.Ordinal), $"{key}: summary '{summary}', expected '{expect["summary"]}'");
            foreach (var phrase in expect["detail"]?.AsArray().Select(p => (string)p!) ?? [])
            {
                Assert.True(detail.Contains(phrase, StringComparison.Ordinal), $"{key}: detail lacks '{phrase}':\n{detail}");
            }

            var recommended = card["suggestions"]?.AsArray().Where(s => (bool?)s!["isRecommended"] == true)
                .SelectMany(s => s!["actions"]!.AsArray().Select(a => (string)a!["type"]!)).ToList() ?? [];
            switch ((string?)expect["recommends"])
            {
                case "none":
                    Assert.True(recommended.Count == 0, $"{key}: '{summary}' recommends {string.Join(", ", recommended)}");
                    break;
                case { } action:
                    Assert.True(recommended.Contains(action), $"{key}: '{summary}' does not recommend {action}");
                    break;
            }

            // Deleting a tocilizumab order is recommended only when the chart shows CRS absent (graded 0).
            Assert.False(
                recommended.Contains("delete") && !row["chart"]!.AsArray().Any(e => (string)e!["code"]! == "crs-grade" && (int)e["value"]! == 0),
                $"{key}: recommends deleting an order while CRS is not documented absent");
            Assert.Contains("supports, and does not replace, clinical judgment", detail, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> PatientViewKeys() => [.. Rows.Where(r => r["patientView"] is not null).Select(r => (string)r["key"]!)];

    /// <summary>The management card weighs the active corticosteroid as order-sign does, so both hooks say the same.</summary>
    [Theory]
    [MemberData(nameof(PatientViewKeys))]
    public async Task Row_PatientView_SaysWhatTheActiveCorticosteroidMeansForTheGrade(string key)
    {
        var row = Rows.Single(r => (string)r["key"]! == key);
        var (patientId, _, resources) = Chart(row);
        using var client = service.Factory.CreateClient();
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources);

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray();
        var management = Unescaped((string)Assert.Single(cards, c => ((string)c!["summary"]!).StartsWith("ICANS management", StringComparison.Ordinal))!["detail"]!);
        var phrases = row["patientView"]!.AsArray().Select(p => (string)p!).ToList();
        foreach (var phrase in phrases)
        {
            Assert.True(management.Contains(phrase, StringComparison.Ordinal), $"{key}: the management card lacks '{phrase}':\n{management}");
        }

        // CRS three-valued end to end: a chart with neither a CRS grade nor a CRS diagnosis asks for CRS to be assessed.
        var crsCharted = row["chart"]!.AsArray().Any(e => (string)e!["code"]! == "crs-grade") || row["conditions"]!.AsArray().Count > 0;
        Assert.True(crsCharted != management.Contains("**CRS not documented.**", StringComparison.Ordinal), $"{key}: CRS charted {crsCharted}:\n{management}");

        if (phrases.Count == 0)
        {
            Assert.DoesNotContain("Active now:", management, StringComparison.Ordinal);
            Assert.DoesNotContain("**Now:", management, StringComparison.Ordinal);
        }
    }

    /// <summary>The row's chart as FHIR: the chart-sequence resources, its CRS Conditions and its active orders.</summary>
    private static (string PatientId, JsonObject Subject, List<JsonObject> Resources) Chart(JsonObject row)
    {
        var patientId = ChartSequenceTable.PatientId(row);
        var subject = new JsonObject { ["reference"] = "Patient/" + patientId };
        var resources = ChartSequenceTable.Resources(row);
        resources.AddRange(row["conditions"]!.AsArray().Select((c, i) => Condition(c!.AsObject(), $"{patientId}-c{i + 1}", subject)));
        resources.AddRange(row["active"]!.AsArray().Select(a => WithSubject(a!.AsObject(), subject)));
        return (patientId, subject, resources);
    }

    private static JsonObject WithSubject(JsonObject resource, JsonObject subject)
    {
        var copy = resource.DeepClone().AsObject();
        copy["subject"] = subject.DeepClone();
        return copy;
    }

    private static JsonObject Condition(JsonObject c, string id, JsonObject subject) => new()
    {
        ["resourceType"] = "Condition",
        ["id"] = id,
        ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-clinical", ["code"] = "active" }) },
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://hl7.org/fhir/sid/icd-10-cm", ["code"] = (string)c["code"]! }) },
        ["subject"] = subject.DeepClone(),
        ["onsetDateTime"] = ChartSequenceTable.Now.AddDays(double.Parse(((string)c["onset"]!).TrimEnd('d'), CultureInfo.InvariantCulture))
            .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    // Card text escapes markdown characters of values ("\(", "\-"); the table states what a clinician reads.
    private static string Unescaped(string markdown) => markdown.Replace("\\", "", StringComparison.Ordinal);
}
