using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Terminology;

/// <summary>
/// The screen asks the terminology's lookups only about codes <see cref="IcansTerminology.TryFindCode"/> finds, so every
/// code a lookup knows must be found, as the same key, and a code no lookup knows must not be.
/// </summary>
public sealed class CodeVocabularyTests(TerminologyFixture fixture) : IClassFixture<TerminologyFixture>
{
    private readonly IcansTerminology _terminology = fixture.Terminology;

    [Fact]
    public void EveryCodeOfTheArtifacts_IsFound_ExactlyWhenALookupKnowsIt()
    {
        var valueSets = Artifacts("ValueSet").Select(valueSet => (string)valueSet["url"]!).ToList();
        var candidates = Artifacts().SelectMany(CodesIn)
            .SelectMany(key => new[] { key, key with { Code = key.Code.ToUpperInvariant() }, key with { Code = key.Code + "0" }, key with { System = key.System + "/" } })
            .Distinct()
            .ToList();

        var known = 0;
        foreach (var key in candidates)
        {
            var concept = new CodeableConcept(key.System, key.Code);
            var anyLookup = valueSets.Any(valueSet => _terminology.Contains(valueSet, key))
                || _terminology.ObservationKindOf(key) is not null
                || _terminology.IsIecTherapy(key)
                || _terminology.AstctGrade(concept) is not null
                || _terminology.TryGetFinding<ConsciousnessLevel>(concept, out _) || _terminology.TryGetFinding<SeizureFinding>(concept, out _)
                || _terminology.TryGetFinding<MotorFinding>(concept, out _) || _terminology.TryGetFinding<IcpEdemaFinding>(concept, out _);

            var found = _terminology.TryFindCode(key.System, key.Code, out var foundKey);
            Assert.True(anyLookup == found, $"{key}: known to a lookup {anyLookup}, found {found}");
            if (found)
            {
                Assert.Equal(key, foundKey);
                known++;
            }
        }

        // The artifacts' codes, each also miscased, extended and under another system: most variants are unknown.
        Assert.InRange(known, 50, candidates.Count / 2);
    }

    [Fact]
    public void EveryCodeTheTerminologyHolds_IsInTheVocabulary()
    {
        // Found by reflection, so a lookup table added later is covered without this test knowing its name: the screen
        // would otherwise drop resources with its codes.
        var held = typeof(IcansTerminology).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(field => field.FieldType != typeof(CodeVocabulary))
            .SelectMany(field => CodeKeysIn(field.GetValue(_terminology), depth: 0))
            .Distinct()
            .ToList();

        Assert.NotEmpty(held);
        Assert.All(held, key => Assert.True(_terminology.TryFindCode(key.System, key.Code, out _), $"{key} is held but not in the vocabulary"));
    }

    [Fact]
    public void Code_IsFound_AsTheTerminologysOwnStrings()
    {
        var system = new string(IcansCanonicals.IcansObservationSystem.AsSpan());
        Assert.True(_terminology.TryFindCode(system, "ice-total", out var key));
        Assert.Equal(new CodeKey(system, "ice-total"), key);
        Assert.NotSame(system, key.System);
    }

    [Theory]
    [InlineData("", "ice-total")]
    [InlineData(IcansCanonicals.IcansObservationSystem, "")]
    [InlineData("http://loinc.org", "8310-5")]
    public void UnknownOrEmptyCode_IsNotFound(string system, string code) =>
        Assert.False(_terminology.TryFindCode(system, code, out _));

    /// <summary>Every CodeKey reachable from a value: in dictionaries (keys and values), collections and the terminology's records.</summary>
    private static IEnumerable<CodeKey> CodeKeysIn(object? value, int depth) => value switch
    {
        _ when depth > 4 => [],
        CodeKey key => [key],
        null or string => [],
        IDictionary dictionary => CodeKeysIn(dictionary.Keys, depth + 1).Concat(CodeKeysIn(dictionary.Values, depth + 1)),
        IEnumerable items => items.Cast<object?>().SelectMany(item => CodeKeysIn(item, depth + 1)),
        _ when value.GetType().Namespace == typeof(IcansTerminology).Namespace
            => value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(property => property.GetIndexParameters().Length == 0)
                .SelectMany(property => CodeKeysIn(property.GetValue(value), depth + 1)),
        _ => [],
    };

    private static IEnumerable<JsonObject> Artifacts(string? resourceType = null) =>
        Directory.GetFiles(TerminologyFixture.TerminologyFolder, "*.json")
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject())
            .Where(artifact => resourceType is null || (string?)artifact["resourceType"] == resourceType);

    /// <summary>Every system and code an artifact names: CodeSystem concepts, ValueSet includes, ConceptMap sources and targets.</summary>
    private static IEnumerable<CodeKey> CodesIn(JsonObject artifact)
    {
        switch ((string?)artifact["resourceType"])
        {
            case "CodeSystem":
                var system = (string?)artifact["supplements"] is { } supplemented ? supplemented.Split('|')[0] : (string)artifact["url"]!;
                return Concepts(artifact["concept"]).Select(code => new CodeKey(system, code));
            case "ValueSet":
                return (artifact["compose"]?["include"]?.AsArray() ?? []).SelectMany(include =>
                    (include!["concept"]?.AsArray() ?? []).Select(concept => new CodeKey((string)include["system"]!, (string)concept!["code"]!)));
            case "ConceptMap":
                return (artifact["group"]?.AsArray() ?? []).SelectMany(group => (group!["element"]?.AsArray() ?? []).SelectMany(element =>
                    (element!["target"]?.AsArray() ?? []).Select(target => new CodeKey((string)group["target"]!, (string)target!["code"]!))
                        .Append(new CodeKey((string)group["source"]!, (string)element["code"]!))));
            default:
                return [];
        }
    }

    private static IEnumerable<string> Concepts(JsonNode? concepts) =>
        (concepts?.AsArray() ?? []).SelectMany(concept => Concepts(concept!["concept"]).Prepend((string)concept!["code"]!));
}
