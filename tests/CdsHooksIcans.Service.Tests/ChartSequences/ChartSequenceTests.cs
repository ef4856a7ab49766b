using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.Service.Tests.ChartSequences;

/// <summary>Every row of the chart-sequence table, sent with prefetch built from the service's own discovery templates.</summary>
public sealed class ChartSequenceTests(ChartSequenceService service) : IClassFixture<ChartSequenceService>
{
    [Fact]
    public void Table_HasAtLeastFortyUniquelyKeyedRows()
    {
        var keys = ChartSequenceTable.Rows.Select(r => (string)r["key"]!).ToList();
        Assert.True(keys.Count >= 40, $"only {keys.Count} rows");
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Matches("^[a-z0-9-]{1,60}$", k));
    }

    /// <summary>The table keeps covering what a real chart holds: several entries per domain, corrections, not-done, attribution, both outcomes.</summary>
    [Fact]
    public void Table_CoversCorrectionsNotDoneAttributionsAndEveryDomain()
    {
        var entries = ChartSequenceTable.Rows.SelectMany(r => r["chart"]!.AsArray().Select(e => e!.AsObject())).ToList();
        foreach (var status in new[] { "entered-in-error", "amended", "corrected", "preliminary" })
        {
            Assert.Contains(entries, e => (string?)e["status"] == status);
        }

        Assert.Contains(entries, e => e["dataAbsent"] is not null);
        Assert.Contains(entries, e => e["otherCause"] is JsonValue v && v.TryGetValue<string>(out _));
        Assert.Contains(entries, e => e["note"] is not null);
        foreach (var code in new[] { "ice-total", "capd-total", "consciousness", "seizure", "motor", "icp-edema", "crs-grade" })
        {
            Assert.True(ChartSequenceTable.Rows.Any(r => r["chart"]!.AsArray().Count(e => (string)e!["code"]! == code) >= 2),
                $"no row with two or more {code} entries");
        }

        var statuses = ChartSequenceTable.Rows.Select(r => (string)r["expect"]!["status"]!).ToList();
        Assert.True(statuses.Count(s => s == "incomplete") >= 10, "fewer than 10 incomplete rows");
        Assert.True(statuses.Count(s => s == "graded") >= 20, "fewer than 20 graded rows");
    }

    /// <summary>Every wording key a row names is a phrase of the wording file or a reassessment rule.</summary>
    [Fact]
    public void Table_NamesOnlyWordingThatExists()
    {
        var wording = service.Wording;
        foreach (var key in ChartSequenceTable.Rows.SelectMany(r => r["expect"]!["wording"]?.AsArray() ?? []).Select(w => (string)w!).Distinct())
        {
            Assert.True(CardWording.PhraseSpecs.ContainsKey(key) || wording.Reassessment.Any(r => "reassess-" + r.Key == key), $"unknown wording key '{key}'");
        }
    }

    [Theory]
    [MemberData(nameof(ChartSequenceTable.Keys), MemberType = typeof(ChartSequenceTable))]
    public async Task Sequence_WithPrefetch_GradesAndWordsAsTheTableSays(string key)
    {
        var row = ChartSequenceTable.Row(key);
        using var client = service.Factory.CreateClient();
        var body = await TemplatePrefetch.PatientViewRequestAsync(client, ChartSequenceTable.PatientId(row), ChartSequenceTable.Resources(row));

        using var response = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ChartSequenceTable.Check(row, (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray(), service.Wording);
    }
}

/// <summary>The service with its clock at the table's time, shared by the rows.</summary>
public sealed class ChartSequenceService : IDisposable
{
    public ChartSequenceService()
    {
        Factory = new CdsServiceFactory().WithFakeTime();
        Factory.Time.SetUtcNow(ChartSequenceTable.Now);
        Wording = Factory.Services.GetRequiredService<IcansContent>().Wording;
    }

    public CdsServiceFactory Factory { get; }

    public CardWording Wording { get; }

    public void Dispose() => Factory.Dispose();
}
