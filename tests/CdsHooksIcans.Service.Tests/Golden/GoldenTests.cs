using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.Service.Tests.Golden;

/// <summary>
/// Golden files: each request in Golden/requests (patient-view and order-sign, the order-sign drafts shaped as the public
/// sandbox sends them) gives exactly the response in Golden/expected, with the clock and the uuids fixed. Any difference
/// fails; run with UPDATE_GOLDEN=1 to rewrite the expected files after an intended change, and review the diff.
/// </summary>
public sealed class GoldenTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Folder = RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "Golden"));
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly FhirJsonDeserializer StrictFhir = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static TheoryData<string> Cases() => [.. Names()];

    private static List<string> Names() =>
        [.. Directory.EnumerateFiles(Path.Combine(Folder, "requests"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async System.Threading.Tasks.Task Response_MatchesGoldenFile(string name)
    {
        var actual = await RespondAsync(name);

        var expectedPath = Path.Combine(Folder, "expected", name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            await File.WriteAllTextAsync(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), $"No golden file {expectedPath}: run the tests with UPDATE_GOLDEN=1 and review it.");
        Assert.Equal((await File.ReadAllTextAsync(expectedPath)).ReplaceLineEndings("\n"), actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async System.Threading.Tasks.Task Response_EverySuggestedResourceIsStrictR4(string name)
    {
        var response = JsonNode.Parse(await RespondAsync(name))!;

        foreach (var action in response["cards"]!.AsArray().SelectMany(c => c!["suggestions"]?.AsArray() ?? []).SelectMany(s => s!["actions"]!.AsArray()))
        {
            if ((string)action!["type"]! == "delete")
            {
                Assert.Null(action["resource"]);
                Assert.StartsWith("MedicationRequest/", (string)action["resourceId"]!, StringComparison.Ordinal);
                continue;
            }

            var ok = StrictFhir.TryDeserializeResource(action["resource"]!.ToJsonString(), out var resource, out var issues);
            Assert.True(ok, $"{name}: {string.Join("; ", issues.Select(i => i.Message))}");
            Assert.True(resource is MedicationRequest or ServiceRequest or Observation, $"{name}: unexpected {resource?.TypeName}");
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task PatientView_EveryGradeAndCrsCase_HasOneGradingCardAndSaysItSupportsJudgment()
    {
        foreach (var name in Names().Where(n => n.StartsWith("pv-grade-", StringComparison.Ordinal)))
        {
            var cards = JsonNode.Parse(await RespondAsync(name))!["cards"]!.AsArray();
            Assert.Single(cards, c => ((string)c!["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal));
            Assert.True(cards.Count > 1, $"{name}: no management card");
            Assert.All(cards, c => Assert.Contains("supports, and does not replace, clinical judgment", (string)c!["detail"]!, StringComparison.Ordinal));
            var crsAbsent = name.EndsWith("without-crs", StringComparison.Ordinal) && !name.StartsWith("pv-grade-0", StringComparison.Ordinal);
            Assert.Equal(crsAbsent, cards.Any(c => ((string)c!["detail"]!).Contains("Tocilizumab is not indicated for ICANS without CRS", StringComparison.Ordinal)));
        }
    }

    private static async Task<string> RespondAsync(string name)
    {
        var request = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "requests", name + ".json")))!;
        var service = (string)request["hook"]! == "order-sign" ? ServiceDefinitions.OrderSignId : ServiceDefinitions.PatientViewId;

        await using var factory = new CdsServiceFactory().WithFakeTime().WithSequentialIds();
        factory.Time.SetUtcNow(Now);
        using var client = factory.CreateClient();
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/cds-services/" + service, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
    }
}
