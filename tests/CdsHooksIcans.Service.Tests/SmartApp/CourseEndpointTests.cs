using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;

namespace CdsHooksIcans.Service.Tests.SmartApp;

/// <summary>
/// The bedside app's course: every point graded by the hooks' engine from what was charted up to then, the current grade
/// the grade endpoint's, and the drugs given recognised as the order checks recognise them.
/// </summary>
public sealed class CourseEndpointTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Patient = "course-patient";
    private const string Obs = "http://cdshooks-icans.org/fhir/CodeSystem/icans-observation";
    private const string Finding = "http://cdshooks-icans.org/fhir/CodeSystem/icans-finding";
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";

    public static TheoryData<string> Scenarios() => ScenarioTests.Scenarios();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Course_OfAScenarioChart_IsGradedNowAsTheGradeEndpointGrades_AndAtItsLastPointAsTheGradeEndpointWouldThen(string file)
    {
        var (_, resources) = ScenarioTests.LoadScenario(file);
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(ScenarioTests.GradedAt(file));
        using var client = factory.CreateClient();

        var course = await CourseAsync(client, resources);
        var grade = await GradeAsync(client, resources);

        Assert.Equal(grade["grading"]!.ToJsonString(), course["current"]!.ToJsonString());
        var points = course["assessments"]!.AsArray();
        if (points.Count == 0)
        {
            return;
        }

        // The last point is graded at its own time, not now: the 24-hour window and the days since infusion are that
        // moment's. The grade endpoint asked at that moment gives the same, save observations charted within the clock
        // tolerance after it, which the point never counts (none in the scenarios).
        var last = points[^1]!;
        await using var then = new CdsServiceFactory().WithFakeTime();
        then.Time.SetUtcNow(DateTimeOffset.Parse((string)last["time"]!, CultureInfo.InvariantCulture));
        using var thenClient = then.CreateClient();
        var thenGrade = await GradeAsync(thenClient, resources);
        Assert.Equal(thenGrade["grading"]!.ToJsonString(), last["grading"]!.ToJsonString());
    }

    [Fact]
    public async Task Course_OfAHandBuiltChart_GivesEveryPointItsOwnGrade_AndTheRecordsBesideIt()
    {
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(Day0.AddDays(5).AddHours(1));
        using var client = factory.CreateClient();

        var course = await CourseAsync(client, HandBuiltChart());

        Assert.Equal("axicabtagene-ciloleucel", (string)course["therapy"]!["code"]!);
        Assert.Equal(Day0, DateTimeOffset.Parse((string)course["firstInfusion"]!, CultureInfo.InvariantCulture));
        Assert.Equal("ice", (string)course["tool"]!);
        var points = course["assessments"]!.AsArray();
        Assert.Equal(
            [
                // ICE 10 and alert: grade 0.
                "1|10|graded|0|",
                // ICE 6: grade 2 from ICE; the seizure two hours later is not yet charted.
                "3|6|graded|2|ice",
                // The seizure: grade 3 while ICE 6 is still current.
                "3.08||graded|3|seizure",
                // ICE 8 two days later: the seizure is out of the 24-hour window, grade 1.
                "5|8|graded|1|ice",
            ],
            points.Select(p => string.Join('|',
                ((double)p!["day"]!).ToString(CultureInfo.InvariantCulture),
                (int?)p["ice"],
                (string)p["grading"]!["status"]!,
                (int?)p["grading"]!["grade"],
                string.Join(',', p["grading"]!["drivingDomains"]?.AsArray().Select(d => (string)d!) ?? []))));
        Assert.All(points, p => Assert.Equal((int)p!["grading"]!["grade"]!, (int)p["grading"]!["lowerBound"]!));
        Assert.Equal(1, (int)course["current"]!["grade"]!);

        var recorded = Assert.Single(course["recordedGrades"]!.AsArray())!;
        Assert.Equal((3, "Observation/icans-grade-3", 3.13), ((int)recorded["grade"]!, (string)recorded["reference"]!, (double)recorded["day"]!));
        var crs = Assert.Single(course["crsGrades"]!.AsArray())!;
        Assert.Equal((1, "Observation/crs-1", 2.17), ((int)crs["grade"]!, (string)crs["reference"]!, (double)crs["day"]!));

        // Dexamethasone by ingredient and by clinical-drug code, tocilizumab by ingredient, methylprednisolone by name;
        // anakinra is not shown and a dose not given is not a dose.
        Assert.Equal(
            ["3.1|dexamethasone|10 mg IV|MedicationAdministration/dex-1", "3.5|tocilizumab||MedicationAdministration/toci-1",
             "4|dexamethasone|2 tablets|MedicationAdministration/dex-2", "4.5|methylprednisolone||MedicationAdministration/mp-1"],
            course["administrations"]!.AsArray().Select(a => string.Join('|',
                ((double)a!["day"]!).ToString(CultureInfo.InvariantCulture), (string)a["drug"]!, (string?)a["dose"], (string)a["reference"]!)));
    }

    [Fact]
    public async Task Course_PointsAreGradedFromWhatWasChartedUpToThen_SoALaterObservationNeverLeaks()
    {
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(Day0.AddDays(5).AddHours(1));
        using var client = factory.CreateClient();
        var chart = HandBuiltChart();
        // An unarousable patient one minute after the day-3 ICE, inside the grader's default clock tolerance.
        var later = chart.Append(Coded("loc-later", "consciousness", "unarousable", Day0.AddDays(3).AddMinutes(1))).ToList();

        var before = (await CourseAsync(client, chart))["assessments"]!.AsArray();
        var after = (await CourseAsync(client, later))["assessments"]!.AsArray();

        Assert.Equal(before[1]!.ToJsonString(), after[1]!.ToJsonString());
        Assert.Equal(4, (int)after[2]!["grading"]!["grade"]!);
        Assert.Equal(before.Count + 1, after.Count);
        // Every point equals the course of the chart cut at its time: nothing charted later shows in it.
        foreach (var point in after)
        {
            var time = DateTimeOffset.Parse((string)point!["time"]!, CultureInfo.InvariantCulture);
            var cut = (await CourseAsync(client, later.Where(r => ChartedAt(r) is not { } t || t <= time)))["assessments"]!.AsArray();
            Assert.Equal(cut[^1]!["grading"]!.ToJsonString(), point["grading"]!.ToJsonString());
        }
    }

    [Fact]
    public async Task Course_OfANotDoneIce_SaysSoWithItsReason()
    {
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(Day0.AddDays(5).AddHours(1));
        using var client = factory.CreateClient();
        var notDone = new JsonObject
        {
            ["resourceType"] = "Observation", ["id"] = "ice-not-done", ["status"] = "final",
            ["code"] = Code(Obs, "ice-total"), ["subject"] = Subject(), ["effectiveDateTime"] = Time(Day0.AddDays(5).AddMinutes(30)),
            ["dataAbsentReason"] = new JsonObject { ["coding"] = new JsonArray(Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed")), ["text"] = "Patient asleep" },
        };

        var point = (await CourseAsync(client, [.. HandBuiltChart(), notDone]))["assessments"]!.AsArray()[^1]!;

        Assert.Null(point["ice"]);
        Assert.True((bool)point["notDone"]!);
        Assert.Equal("Patient asleep", (string)point["notDoneReason"]!);
        Assert.Equal("incomplete", (string)point["grading"]!["status"]!);
    }

    [Fact]
    public async Task Course_LogsNoPatientData()
    {
        await using var factory = new CdsServiceFactory().WithFakeTime();
        factory.Time.SetUtcNow(Day0.AddDays(5).AddHours(1));
        using var client = factory.CreateClient();

        await CourseAsync(client, HandBuiltChart());

        var logged = factory.Logs.AllText();
        Assert.DoesNotContain(Patient, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Observation/", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("MedicationAdministration/", logged, StringComparison.Ordinal);
    }

    /// <summary>ICE 10 on day 1, ICE 6 on day 3 and a seizure two hours later, dexamethasone, ICE 8 on day 5, a recorded grade 3, CRS grade 1.</summary>
    private static List<JsonObject> HandBuiltChart() =>
    [
        new() { ["resourceType"] = "Patient", ["id"] = Patient, ["birthDate"] = "1970-05-01" },
        Administration("car-t", Code("http://cdshooks-icans.org/fhir/CodeSystem/iec-product", "axicabtagene-ciloleucel"), Day0),
        Ice("ice-1", 10, Day0.AddDays(1)), Coded("loc-1", "consciousness", "alert", Day0.AddDays(1)),
        Ice("ice-3", 6, Day0.AddDays(3)), Coded("loc-3", "consciousness", "alert", Day0.AddDays(3)),
        Coded("seizure-3", "seizure", "seizure-resolved-rapidly", Day0.AddDays(3).AddHours(2)),
        Ice("ice-5", 8, Day0.AddDays(5)), Coded("loc-5", "consciousness", "alert", Day0.AddDays(5)),
        Integer("icans-grade-3", "icans-grade", 3, Day0.AddDays(3).AddHours(3)),
        Integer("crs-1", "crs-grade", 1, Day0.AddDays(2).AddHours(4)),
        Administration("dex-1", Code(RxNorm, "3264"), Day0.AddDays(3).AddHours(2.5), new JsonObject
        {
            ["dose"] = new JsonObject { ["value"] = 10, ["unit"] = "mg" }, ["route"] = new JsonObject { ["text"] = "IV" },
        }),
        Administration("toci-1", Code(RxNorm, "612865"), Day0.AddDays(3).AddHours(12)),
        Administration("dex-2", Code(RxNorm, "197582"), Day0.AddDays(4), new JsonObject { ["text"] = "2 tablets" }),
        Administration("mp-1", new JsonObject { ["text"] = "Methylprednisolone 1 g" }, Day0.AddDays(4).AddHours(12)),
        Administration("anakinra-1", Code(RxNorm, "72435"), Day0.AddDays(4)),
        Administration("dex-not-given", Code(RxNorm, "3264"), Day0.AddDays(4), status: "not-done"),
    ];

    private static JsonObject Ice(string id, int score, DateTimeOffset time) => Integer(id, "ice-total", score, time);

    private static JsonObject Integer(string id, string code, int value, DateTimeOffset time) => new()
    {
        ["resourceType"] = "Observation", ["id"] = id, ["status"] = "final", ["code"] = Code(Obs, code),
        ["subject"] = Subject(), ["effectiveDateTime"] = Time(time), ["valueInteger"] = value,
    };

    private static JsonObject Coded(string id, string code, string finding, DateTimeOffset time) => new()
    {
        ["resourceType"] = "Observation", ["id"] = id, ["status"] = "final", ["code"] = Code(Obs, code),
        ["subject"] = Subject(), ["effectiveDateTime"] = Time(time), ["valueCodeableConcept"] = Code(Finding, finding),
    };

    private static JsonObject Administration(string id, JsonObject medication, DateTimeOffset time, JsonObject? dosage = null, string status = "completed")
    {
        var administration = new JsonObject
        {
            ["resourceType"] = "MedicationAdministration", ["id"] = id, ["status"] = status, ["medicationCodeableConcept"] = medication,
            ["subject"] = Subject(), ["effectiveDateTime"] = Time(time),
        };
        if (dosage is not null)
        {
            administration["dosage"] = dosage;
        }

        return administration;
    }

    private static DateTimeOffset? ChartedAt(JsonObject resource) =>
        resource["effectiveDateTime"] is { } time && (string)resource["resourceType"]! == "Observation"
            ? DateTimeOffset.Parse((string)time!, CultureInfo.InvariantCulture)
            : null;

    private static JsonObject Code(string system, string code) => new() { ["coding"] = new JsonArray(Coding(system, code)) };

    private static JsonObject Coding(string system, string code) => new() { ["system"] = system, ["code"] = code };

    private static JsonObject Subject() => new() { ["reference"] = "Patient/" + Patient };

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static async Task<JsonObject> CourseAsync(HttpClient client, IEnumerable<JsonObject> resources)
    {
        using var answer = await client.PostAsJsonAsync("/app/api/course", Collection(resources));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> GradeAsync(HttpClient client, IEnumerable<JsonObject> resources)
    {
        using var answer = await client.PostAsJsonAsync("/app/api/grade", Collection(resources));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject Collection(IEnumerable<JsonObject> resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "collection",
        ["entry"] = new JsonArray([.. resources.Select(r => new JsonObject { ["resource"] = r.DeepClone() })]),
    };
}
