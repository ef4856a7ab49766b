using System.Diagnostics;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Terminology;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Profiles;

/// <summary>
/// The bedside app (src/bedside-app) writes nothing outside the contract: every kind of Observation its pure module
/// builds, run by Node.js, validates against its fhir-profiles/ profile, and the extractor the hooks use reads each one;
/// its own unit tests (node --test) pass.
/// </summary>
public sealed class BedsideAppObservationTests(ProfileValidatorFixture validator) : IClassFixture<ProfileValidatorFixture>
{
    private static readonly string AppFolder = Path.Combine(RepositoryPaths.Root, "src", "bedside-app");

    private static readonly Lazy<JsonArray> Examples = new(() =>
        JsonNode.Parse(RunNode("test/observation-examples.mjs").Output)!.AsArray());

    public static TheoryData<int> ExampleIndexes() => [.. Enumerable.Range(0, Examples.Value.Count)];

    [Theory]
    [MemberData(nameof(ExampleIndexes))]
    public void AppObservation_ValidatesAgainstItsProfile(int index)
    {
        var json = Examples.Value[index]!.AsObject();
        Assert.Single(json["meta"]!["profile"]!.AsArray());

        var errors = validator.Validate(FhirProfilesFolder.Parse(json.ToJsonString())).Errors();

        Assert.True(errors.Count == 0, $"{json["code"]!["coding"]![0]!["code"]}: {errors.Describe()}");
    }

    [Fact]
    public void AppObservations_AreReadByTheHooksExtractor()
    {
        var terminology = IcansTerminology.Load([RepositoryPaths.Terminology]);
        var resources = Examples.Value.Select((json, i) =>
        {
            var observation = (Observation)FhirProfilesFolder.Parse(json!.ToJsonString());
            observation.Id = $"app-{i}";
            return observation;
        }).ToList();

        var findings = new FindingsExtractor(terminology).Extract("example-patient", resources);

        // Every entry is understood: two ICE (one scored, one not done), two CAPD, the findings of each domain, one grade.
        Assert.Equal([6, null], findings.Ice.Select(o => o.Value));
        Assert.Equal([null, 12], findings.Capd.Select(o => o.Value).Order());
        Assert.True(findings.Ice[0].AttributedToOtherCause);
        Assert.Equal(5, findings.Consciousness.Length);
        Assert.Equal(5, findings.Seizures.Length);
        Assert.Equal(5, findings.Motor.Length);
        Assert.Equal(8, findings.IcpEdema.Length);
        Assert.Equal([3], findings.PriorIcansGrades.Select(o => o.Value));
        // The second finding of each domain is explained by another cause.
        Assert.Equal(
            [1, 1, 1, 1],
            new[] { findings.Consciousness.Count(o => o.AttributedToOtherCause), findings.Seizures.Count(o => o.AttributedToOtherCause),
                findings.Motor.Count(o => o.AttributedToOtherCause), findings.IcpEdema.Count(o => o.AttributedToOtherCause) });
    }

    [Fact]
    public void AppUnitTests_Pass()
    {
        var (exitCode, output) = RunNode("--test test/");

        Assert.True(exitCode == 0 && output.Contains("# fail 0", StringComparison.Ordinal), output);
    }

    private static (int ExitCode, string Output) RunNode(string arguments)
    {
        using var node = Process.Start(new ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = AppFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("node did not start: the bedside app needs Node.js (20.19 or later)");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        if (!node.WaitForExit(60_000))
        {
            node.Kill();
            throw new TimeoutException($"node {arguments} did not finish within 60 s");
        }

        if (node.ExitCode != 0 && !arguments.StartsWith("--test", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"node {arguments} failed ({node.ExitCode}): {error.Result}");
        }

        return (node.ExitCode, output.Result + error.Result);
    }
}
