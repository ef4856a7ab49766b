using System.Globalization;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Tests.Orders;

/// <summary>Every row of order-reading-cases.json: a MedicationRequest as an EHR sends it, and what the reader must make of it.</summary>
public sealed class OrderReadingCaseTests
{
    private static readonly OrderReader Reader = RepositoryPaths.OrderReader(IcansTerminology.Load([RepositoryPaths.Terminology]));

    // The sandbox sends category as an object: read as the service reads drafts, recovering R4 shape errors.
    private static readonly FhirJsonDeserializer Lenient = new(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));

    private static readonly JsonObject Table = JsonNode.Parse(File.ReadAllText(
        Path.Combine(RepositoryPaths.Root, "tests", "CdsHooksIcans.Clinical.Tests", "Orders", "order-reading-cases.json")))!.AsObject();

    private static IEnumerable<JsonObject> Rows => Table["cases"]!.AsArray().Select(r => r!.AsObject());

    public static TheoryData<string> Keys() => [.. Rows.Select(r => (string)r["key"]!)];

    [Fact]
    public void Table_CoversTheShapesEhrsSend()
    {
        var keys = Rows.Select(r => (string)r["key"]!).ToList();
        Assert.True(keys.Count >= 25, $"only {keys.Count} rows");
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Contains("sandbox-dexamethasone-tablet", keys);
        var expectations = Rows.Select(r => r["expect"]).OfType<JsonObject>().ToList();
        foreach (var kind in new[] { "intravenous", "oral", "other-systemic", "local" })
        {
            Assert.Contains(expectations, e => (string?)e["routeKind"] == kind);
        }

        Assert.Contains(expectations, e => e["unreadable"] is not null);
        Assert.Contains(expectations, e => e["asNeeded"] is not null);
        Assert.Contains(expectations, e => e["totalDoses"] is not null);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Case_IsReadAsTheTableSays(string key)
    {
        var row = Rows.Single(r => (string)r["key"]! == key);
        var request = (MedicationRequest)Lenient.DeserializeResource(row["request"]!.ToJsonString());

        var order = Reader.Read(request, isDraft: request.Status == MedicationRequest.MedicationrequestStatus.Draft);

        if (row["expect"] is not JsonObject expect)
        {
            Assert.Null(order);
            return;
        }

        Assert.NotNull(order);
        Assert.Equal((string)expect["drug"]!, order.Drug.ToString().ToLowerInvariant());
        AssertNumber(key, "mgPerDose", expect, order.MgPerDose);
        AssertNumber(key, "dosesPerDay", expect, order.DosesPerDay);
        if (expect["mgPerDay"] is not null)
        {
            // Derived from dose and frequency: checked where the row states it.
            AssertNumber(key, "mgPerDay", expect, order.MgPerDay);
        }

        AssertNumber(key, "totalDoses", expect, order.TotalDoses);
        Assert.Equal((string?)expect["routeKind"] ?? "unknown", RouteCode(order.RouteKind));
        Assert.Equal((bool?)expect["asNeeded"] ?? false, order.AsNeeded);
        Assert.Equal((bool?)expect["byNameOnly"] ?? false, order.RecognisedByNameOnly);
        if ((string?)expect["unreadable"] is { } reason)
        {
            Assert.True(order.Unreadable?.Contains(reason, StringComparison.Ordinal) == true, $"{key}: unreadable '{order.Unreadable}', expected it to name '{reason}'");
            Assert.Contains("dose not readable", OrderReader.Describe(order), StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(order.Unreadable);
        }

        if ((string?)expect["described"] is { } described)
        {
            Assert.Equal(described, OrderReader.Describe(order));
        }
    }

    /// <summary>A number the row states must be read exactly; a number it leaves out must be unknown.</summary>
    private static void AssertNumber(string key, string name, JsonObject expect, decimal? actual) =>
        Assert.True(
            (expect[name] is JsonValue v ? v.GetValue<decimal>() : (decimal?)null) == actual,
            $"{key}: {name} {actual?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, expected {expect[name]?.ToJsonString() ?? "unknown"}");

    private static string RouteCode(RouteKind kind) => kind switch
    {
        RouteKind.OtherSystemic => "other-systemic",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
