using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Tests.Fuzzing;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace CdsHooksIcans.Service.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing of everything a request body reaches: the request parser, prefetch handling, FHIR parsing and
/// extraction, grading and card building. Valid requests (a graded scenario, the sandbox's order-sign, feedback) are
/// mutated by FsCheck generators, and random bytes are sent raw. The property: never a 5xx, and every 4xx is an
/// OperationOutcome. A seed and case count from the environment (FUZZ_SEED, FUZZ_CASES) run longer campaigns;
/// docs/fuzzing.md records them.
/// </summary>
public sealed class RequestFuzzTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20250301;
    private const int DefaultCases = 2000;

    private static readonly string[] Keys =
        ["resourceType", "id", "entry", "resource", "status", "code", "coding", "system", "value", "valueQuantity", "valueInteger",
         "effectiveDateTime", "subject", "reference", "patientId", "userId", "prefetch", "context", "draftOrders", "note", "text", "feedback"];

    private static readonly string[] ResourceTypes =
        ["Patient", "Observation", "Bundle", "Condition", "MedicationRequest", "MedicationAdministration", "Procedure", "OperationOutcome", "Nope", ""];

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf(
        Gen.Constant<JsonNode?>(null),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Elements(0L, -1L, 1L, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 9007199254740993L).Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Elements(1.5, -0.0, 1e308, -1e308, 4.9e-324, 1e-7).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Elements(
            "", " ", "\u0000", "\uFFFF", "😀", "\u202Eevil", new string('a', 20_000), "<script>alert(1)</script>", "[x](javascript:alert(1))",
            "2026-01-15T12:00:00Z", "2026-13-45T99:99:99Z", "0001-01-01", "9999-12-31T23:59:59+14:00", "Patient/p1", "Patient/../../x",
            "http://loinc.org", "http://snomed.info/sct", "NaN", "-Infinity", "1e999", "Bearer x", "{{context.patientId}}")
            .Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.ArrayOf(Gen.Choose(0, 0xD7FF).Select(c => (char)c)).Select(chars => (JsonNode?)JsonValue.Create(new string(chars))));

    private static readonly Gen<JsonNode?> Value = Gen.Sized(size => ValueOfSize(Math.Min(size, 6)));

    private static Gen<JsonNode?> ValueOfSize(int size) => size <= 0
        ? Leaf
        : Gen.Frequency(
            (4, Leaf),
            (1, Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(ValueOfSize(size / 2), n)).Select(items => (JsonNode?)new JsonArray([.. items]))),
            (2, Gen.Zip(Gen.Elements(ResourceTypes), Gen.ListOf(Gen.Zip(Gen.Elements(Keys), ValueOfSize(size / 2)), 3)).Select(built =>
            {
                var obj = new JsonObject { ["resourceType"] = built.Item1 };
                foreach (var (key, value) in built.Item2)
                {
                    obj[key] = value;
                }

                return (JsonNode?)obj;
            })));

    /// <summary>One change to a document: which node (an index into its nodes, taken modulo their count), how, and with what.</summary>
    private sealed record Mutation(int Node, int Operation, JsonNode? Value, int Repeat);

    private static readonly Gen<Mutation> MutationGen =
        from node in Gen.Choose(0, 100_000)
        from operation in Gen.Frequency((6, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
        from value in Value
        from repeat in Gen.Elements(2, 50, 5_000)
        select new Mutation(node, operation, value, repeat);

    private sealed record FuzzCase(int Target, Mutation[] Mutations, byte[]? RawBytes);

    private static readonly Gen<FuzzCase> CaseGen = Gen.Frequency(
        (9, from target in Gen.Choose(0, 2) from mutations in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(MutationGen, n)) select new FuzzCase(target, mutations, null)),
        (1, from target in Gen.Choose(0, 2) from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)) select new FuzzCase(target, [], bytes)));

    [Fact]
    public async Task Fuzz_MutatedAndRandomRequests_NeverFailWith5xx()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), CultureInfo.InvariantCulture, out var c) ? c : DefaultCases;

        await using var factory = new CdsServiceFactory()
            .WithFakeTime()
            .WithSetting("CdsHooks:RateLimit:BurstLimit", "1000000")
            .WithSetting("CdsHooks:RateLimit:RequestsPerPeriod", "1000000");
        factory.Time.SetUtcNow(DateTimeOffset.Parse("2026-01-15T12:00:00Z", CultureInfo.InvariantCulture));
        using var client = factory.CreateDefaultClient();
        var targets = await TargetsAsync(client);

        var cases = Gen.Sample(CaseGen, count, new Rnd(seed), 30);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var statuses = new SortedDictionary<int, int>();
        var crashes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < cases.Length; i++)
        {
            var (path, template) = targets[cases[i].Target];
            var body = cases[i].RawBytes ?? Encoding.UTF8.GetBytes(Apply(template, cases[i].Mutations).ToJsonString());
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            factory.Logs.Entries.Clear();
            using var response = await client.PostAsync(path, content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;

            if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/fhir+json"))
            {
                // Keep going: one run reports every distinct crash (exception and throwing frame), each with one input.
                var exception = factory.Logs.Entries.LastOrDefault(e => e.Exception is not null)?.Exception ?? $"status {status}";
                var signature = string.Join(" | ", exception.Split('\n').Take(3).Select(line => line.Trim()));
                crashes.TryAdd(signature, $"case {i} to {path}, body: {Truncate(Encoding.UTF8.GetString(body))}");
            }
        }

        output.WriteLine($"seed {seed}: {cases.Length} cases in {started.Elapsed.TotalSeconds:0.0} s; statuses {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}");
        Assert.True(crashes.Count == 0, $"{crashes.Count} distinct crash(es), seed {seed}:\n" + string.Join("\n\n", crashes.Select(kv => kv.Key + "\n  " + kv.Value)));
        Assert.Contains(200, statuses.Keys);
        Assert.Contains(400, statuses.Keys);
    }

    // The valid requests mutations start from: a graded scenario's patient-view, the sandbox's order-sign, feedback.
    private static async Task<(string Path, JsonObject Body)[]> TargetsAsync(HttpClient client)
    {
        var discovery = JsonNode.Parse(await client.GetStringAsync("/cds-services"))!;
        var service = discovery["services"]!.AsArray().Select(s => s!.AsObject()).Single(s => (string)s["id"]! == ServiceDefinitions.PatientViewId);
        var (patientId, resources) = ScenarioTests.LoadScenario("Bundle-scenario-grade-2.json");
        var patientView = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["patientId"] = patientId, ["userId"] = "Practitioner/fuzz" },
            ["prefetch"] = TemplatePrefetch.Build(service, patientId, "Practitioner/fuzz", resources),
        };

        // No fhirServer: the fuzzer must not reach the network.
        var orderSign = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("docs/requests/order-sign-sandbox.json")))!.AsObject();
        orderSign.Remove("fhirServer");
        orderSign.Remove("fhirAuthorization");
        var feedback = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("docs/requests/feedback-overridden.json")))!.AsObject();

        return
        [
            ("/cds-services/" + ServiceDefinitions.PatientViewId, patientView),
            ("/cds-services/" + ServiceDefinitions.OrderSignId, orderSign),
            ("/cds-services/" + ServiceDefinitions.PatientViewId + "/feedback", feedback),
        ];
    }

    private static JsonNode Apply(JsonObject template, IEnumerable<Mutation> mutations)
    {
        JsonNode document = template.DeepClone();
        foreach (var mutation in mutations)
        {
            var nodes = JsonTree.Nodes(document);
            var target = nodes[mutation.Node % nodes.Count];
            if (target.Parent is null)
            {
                continue;
            }

            switch (mutation.Operation)
            {
                case 0:
                    JsonTree.Replace(target, mutation.Value?.DeepClone());
                    break;
                case 1 when target.Parent is JsonObject parent:
                    parent.Remove(target.GetPropertyName());
                    break;
                case 2 when target.Parent is JsonArray array:
                    // A huge array: the same item many times.
                    for (var i = 0; i < mutation.Repeat; i++)
                    {
                        array.Add(target.DeepClone());
                    }

                    break;
                default:
                    JsonTree.Replace(target, new JsonArray(target.DeepClone()));
                    break;
            }
        }

        return document;
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
