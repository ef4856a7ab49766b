using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.ChartSequences;

/// <summary>
/// The chart-sequence case table (chart-sequences.json): each row is a patient whose chart is a series of timed entries,
/// turned into FHIR R4 JSON here, and what its patient-view answer must say. The same rows and the same checks run with
/// prefetch in process and against the local FHIR server with and without prefetch.
/// </summary>
public static partial class ChartSequenceTable
{
    private const string Base = "http://cdshooks-icans.org/fhir/CodeSystem/";

    // Wording an incomplete result must never carry beside it (data contract v2 §3).
    private static readonly string[] ZeroWording = ["no icans", "icans grade 0", "nothing is indicated", "nothing indicated", "no neurotoxicity is recorded"];

    private static readonly JsonObject Table = JsonNode.Parse(File.ReadAllText(
        RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "ChartSequences", "chart-sequences.json"))))!.AsObject();

    /// <summary>The time every row is written around.</summary>
    public static DateTimeOffset Now { get; } = DateTimeOffset.Parse((string)Table["now"]!, CultureInfo.InvariantCulture);

    public static IReadOnlyList<JsonObject> Rows { get; } = [.. Table["sequences"]!.AsArray().Select(r => r!.AsObject())];

    public static TheoryData<string> Keys() => [.. Rows.Select(r => (string)r["key"]!)];

    public static JsonObject Row(string key) => Rows.Single(r => (string)r["key"]! == key);

    public static string PatientId(JsonObject row) => "cs-" + (string)row["key"]!;

    /// <summary>The row's chart as FHIR R4 resources: the patient, the therapies, and one Observation per entry (<c>{patient}-o1</c>, ...).</summary>
    public static List<JsonObject> Resources(JsonObject row)
    {
        var patientId = PatientId(row);
        var subject = new JsonObject { ["reference"] = "Patient/" + patientId };
        var resources = new List<JsonObject>
        {
            new() { ["resourceType"] = "Patient", ["id"] = patientId, ["birthDate"] = (string)row["birthDate"]! },
        };

        var therapy = 0;
        foreach (var t in row["therapies"]!.AsArray())
        {
            resources.Add(new JsonObject
            {
                ["resourceType"] = "MedicationAdministration",
                ["id"] = $"{patientId}-therapy-{++therapy}",
                ["status"] = "completed",
                ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(Coding(Base + "iec-product", (string)t!["product"]!)) },
                ["subject"] = subject.DeepClone(),
                ["effectiveDateTime"] = Time((string)t["at"]!),
            });
        }

        var entry = 0;
        foreach (var e in row["chart"]!.AsArray())
        {
            resources.Add(Observation(e!.AsObject(), $"{patientId}-o{++entry}", subject));
        }

        return resources;
    }

    /// <summary>The row as a transaction Bundle of PUTs, to load into a FHIR server.</summary>
    public static JsonObject TransactionBundle(JsonObject row) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "transaction",
        ["entry"] = new JsonArray([.. Resources(row).Select(r => (JsonNode)new JsonObject
        {
            ["resource"] = r,
            ["request"] = new JsonObject { ["method"] = "PUT", ["url"] = $"{r["resourceType"]}/{r["id"]}" },
        })]),
    };

    /// <summary>Checks a patient-view answer against the row: the grading card, its extension, the management card and the wording.</summary>
    public static void Check(JsonObject row, JsonArray cards, CardWording wording)
    {
        var key = (string)row["key"]!;
        var expect = row["expect"]!.AsObject();
        var patientId = PatientId(row);
        var grading = Assert.Single(cards, c => ((string)c!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal))!;
        var extension = grading["extension"]!["org.cdshooks-icans.grading"]!;
        var status = (string)expect["status"]!;
        var lowerBound = (int?)expect["lowerBound"] ?? (int)expect["grade"]!;
        Assert.True(status == (string)extension["status"]!, $"{key}: status {extension["status"]}, expected {status}");
        Assert.True(lowerBound == (int)extension["lowerBound"]!, $"{key}: lower bound {extension["lowerBound"]}, expected {lowerBound}");

        var summary = (string)grading["summary"]!;
        if (status == "graded")
        {
            var grade = (int)expect["grade"]!;
            Assert.True(grade == (int?)extension["grade"], $"{key}: grade {extension["grade"]}, expected {grade}");
            Assert.StartsWith($"ICANS grade {grade} ", summary, StringComparison.Ordinal);
            Assert.Equal(grade switch { 0 => "info", 1 or 2 => "warning", _ => "critical" }, (string)grading["indicator"]!);
        }
        else
        {
            Assert.Null(extension["grade"]);
            Assert.StartsWith($"ICANS grade unknown (at least {lowerBound})", summary, StringComparison.Ordinal);
            Assert.Equal(lowerBound >= 3 ? "critical" : "warning", (string)grading["indicator"]!);
        }

        AssertSet(key, "drivingDomains", expect, extension);
        AssertSet(key, "missing", expect, extension, "missingDomains");
        if (expect["evidence"] is JsonArray evidence)
        {
            Assert.Equal(
                evidence.Select(e => $"Observation/{patientId}-{e}").Order(StringComparer.Ordinal),
                (extension["evidence"]?.AsArray() ?? []).Select(e => (string)e!).Order(StringComparer.Ordinal));
        }

        // Late neurotoxicity has its own card, at most one, and never in the grading card's evidence.
        var late = cards.Where(c => c!["extension"]?["org.cdshooks-icans.late-neurotoxicity"] is not null).ToList();
        if (expect["lateNeurotoxicity"] is JsonArray)
        {
            AssertSet(key, "lateNeurotoxicity", expect, Assert.Single(late)!["extension"]!["org.cdshooks-icans.late-neurotoxicity"]!, "findings");
        }
        else
        {
            Assert.True(late.Count == 0, $"{key}: an unexpected late-neurotoxicity card");
        }

        var text = string.Join("\n", cards.Select(c => $"{c!["summary"]}\n{c["detail"]}"));
        if (expect["management"] is JsonValue management)
        {
            Assert.True(cards.Any(c => ((string)c!["summary"]!).StartsWith((string)management!, StringComparison.Ordinal)),
                $"{key}: no card summary starts with '{management}':\n{string.Join("\n", cards.Select(c => (string)c!["summary"]!))}");
        }

        foreach (var phrase in expect["wording"]?.AsArray().Select(w => (string)w!) ?? [])
        {
            Assert.True(WordingPattern(wording, phrase).IsMatch(text), $"{key}: the cards do not carry the wording '{phrase}':\n{text}");
        }

        if (status == "incomplete")
        {
            var lower = text.ToLowerInvariant();
            Assert.All(ZeroWording, zero => Assert.False(lower.Contains(zero, StringComparison.Ordinal), $"{key}: an incomplete result carries '{zero}'"));
        }

        Assert.All(cards, c => Assert.Contains("supports, and does not replace, clinical judgment", (string)c!["detail"]!, StringComparison.Ordinal));
    }

    /// <summary>
    /// A phrase of the wording file (or <c>reassess-KEY</c>, a reassessment rule's advice) as a pattern: its constant text
    /// exactly (in any case: a step opens a sentence capitalised), each placeholder any text.
    /// </summary>
    public static Regex WordingPattern(CardWording wording, string key)
    {
        var template = key.StartsWith("reassess-", StringComparison.Ordinal)
            ? wording.Reassessment.Single(r => r.Key == key["reassess-".Length..]).Text
            : wording.Template(key);
        var pattern = string.Join(".*?", Placeholders.Pattern().Split(template).Where((_, i) => i % 2 == 0).Select(Regex.Escape));
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }

    private static void AssertSet(string key, string name, JsonObject expect, JsonNode extension, string? extensionName = null)
    {
        if (expect[name] is JsonArray expected)
        {
            Assert.True(
                expected.Select(d => (string)d!).Order(StringComparer.Ordinal).SequenceEqual(
                    (extension[extensionName ?? name]?.AsArray() ?? []).Select(d => (string)d!).Order(StringComparer.Ordinal)),
                $"{key}: {name} {extension[extensionName ?? name]?.ToJsonString() ?? "[]"}, expected {expected.ToJsonString()}");
        }
    }

    private static JsonObject Observation(JsonObject e, string id, JsonObject subject)
    {
        var code = (string)e["code"]!;
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = id,
            ["status"] = (string?)e["status"] ?? "final",
            ["code"] = new JsonObject { ["coding"] = new JsonArray(Coding(Base + "icans-observation", code)) },
            ["subject"] = subject.DeepClone(),
        };
        var at = Time((string)e["at"]!);
        switch ((string?)e["time"])
        {
            case "period":
                observation["effectivePeriod"] = new JsonObject { ["start"] = Time((string)e["at"]!, -15), ["end"] = at };
                break;
            case "issued":
                observation["issued"] = at;
                break;
            default:
                observation["effectiveDateTime"] = at;
                break;
        }

        switch (e["value"])
        {
            case JsonValue number when number.TryGetValue<int>(out var score):
                observation["valueInteger"] = score;
                break;
            case JsonValue finding:
                observation["valueCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(Coding(Base + "icans-finding", (string)finding!)) };
                break;
        }

        if (e["dataAbsent"] is JsonValue absent)
        {
            var reason = new JsonObject { ["coding"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed")) };
            if (absent.TryGetValue<string>(out var text))
            {
                reason["text"] = text;
            }

            observation["dataAbsentReason"] = reason;
        }

        if (e["otherCause"] is JsonValue otherCause)
        {
            var attribution = new JsonObject { ["coding"] = new JsonArray(Coding(Base + "icans-observation", "attributed-to-other-cause")) };
            if (otherCause.TryGetValue<string>(out var cause))
            {
                attribution["text"] = cause;
            }

            observation["component"] = new JsonArray(new JsonObject { ["code"] = attribution, ["valueBoolean"] = true });
        }

        if (e["note"] is JsonValue note)
        {
            observation["note"] = new JsonArray(new JsonObject { ["text"] = (string)note! });
        }

        return observation;
    }

    private static JsonObject Coding(string system, string code, string? display = null)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
        {
            coding["display"] = display;
        }

        return coding;
    }

    /// <summary>"-4h", "-30m", "-2d" from <see cref="Now"/>, as a FHIR instant; <paramref name="minutes"/> more.</summary>
    private static string Time(string offset, int minutes = 0)
    {
        var match = OffsetPattern().Match(offset);
        Assert.True(match.Success, $"'{offset}' is not an offset like -4h");
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var time = match.Groups[2].Value switch
        {
            "d" => Now.AddDays(amount),
            "h" => Now.AddHours(amount),
            _ => Now.AddMinutes(amount),
        };
        return time.AddMinutes(minutes).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^([+-]?\d+(?:\.\d+)?)([dhm])$")]
    private static partial Regex OffsetPattern();
}
