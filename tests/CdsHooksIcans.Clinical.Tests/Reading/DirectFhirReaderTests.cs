using System.Text.Json;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Clinical.Tests.Fuzzing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Xunit.Abstractions;

namespace CdsHooksIcans.Clinical.Tests.Reading;

/// <summary>
/// <see cref="DirectFhirReader"/> against Firely's deserializer (docs/adr/0013): over resources damaged at random, what
/// it reads Firely reads without a single issue, into exactly the same objects; everything else it leaves to Firely.
/// </summary>
public sealed class DirectFhirReaderTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;
    private const int Cases = 20_000;

    // Firely with nothing filtered and no validator: every issue its deserializer itself finds is reported.
    private static readonly BaseFhirJsonDeserializer Firely = new(ModelInfo.ModelInspector, new DeserializerSettings { Validator = null, ExceptionFilter = null });

    [Fact]
    public void TryRead_DamagedResources_ReadsWhatFirelyReadsCleanlyIntoTheSameObjects()
    {
        var originals = DamagedFhir.Originals();
        var random = new Random(Seed);
        var (direct, left) = (0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var resource = originals[random.Next(originals.Count)].DeepClone();
            // A quarter as written, so that the clean inputs are read directly often.
            for (var n = random.Next(4); n > 0; n--)
            {
                DamagedFhir.Damage(resource, random);
            }

            var json = resource.ToJsonString();
            using var document = JsonDocument.Parse(json);
            if (DirectFhirReader.TryRead<Resource>(document.RootElement) is not { } read)
            {
                left++;
                continue;
            }

            direct++;
            var (parsed, issues) = ParseWithFirely(json);
            Assert.True(issues.Count == 0, $"case {i} read directly, but Firely reports {string.Join("; ", issues.Select(issue => issue.Message))}:\n{json}");
            Assert.True(read.IsExactly(parsed), $"case {i} read into other objects than Firely's:\n{json}");
        }

        output.WriteLine($"seed {Seed}, {Cases} cases: {direct} read directly, {left} left to Firely");
        Assert.All(new[] { direct, left }, count => Assert.True(count > Cases / 10, $"{direct} read directly, {left} left to Firely"));
    }

    [Theory]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"a"},"valueInteger":4}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"a"},"valueQuantity":{"value":1.50,"unit":"mg"}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"a"},"component":[{"code":{"text":"b"},"valueInteger":2}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Patient","birthDate":"2015-02-01"}}]}""")]
    [InlineData("""{"resourceType":"Patient","name":[{"given":["Ann","B"]}],"active":true,"multipleBirthInteger":2}""")]
    public void TryRead_CleanJson_IsReadAsFirelyReadsIt(string json)
    {
        using var document = JsonDocument.Parse(json);

        var read = DirectFhirReader.TryRead<Resource>(document.RootElement);

        Assert.NotNull(read);
        Assert.True(read.IsExactly(ParseWithFirely(json).Resource));
    }

    [Theory]
    [InlineData("""{"resourceType":"Observation","status":"final","_status":{"id":"s"}}""")] // an element of a primitive
    [InlineData("""{"resourceType":"Observation","status":"final","unknownElement":1}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","status":"final"}""")] // named twice
    [InlineData("""{"resourceType":"Observation","valueInteger":1,"valueString":"a"}""")] // two types of one choice
    [InlineData("""{"resourceType":"Observation","value":1}""")] // a choice without its type
    [InlineData("""{"resourceType":"Observation","valueinteger":1}""")] // a wrongly cased type
    [InlineData("""{"resourceType":"Observation","valueMarkdown":"a"}""")] // a type the element does not allow
    [InlineData("""{"resourceType":"Observation","status":null}""")]
    [InlineData("""{"resourceType":"Observation","code":{}}""")]
    [InlineData("""{"resourceType":"Observation","category":[]}""")]
    [InlineData("""{"resourceType":"Observation","category":{"text":"a"}}""")] // a single value where a list belongs
    [InlineData("""{"resourceType":"Observation","code":[{"text":"a"}]}""")] // a list where a single value belongs
    [InlineData("""{"resourceType":"Observation","status":{"value":"final"}}""")] // an object for a primitive
    [InlineData("""{"resourceType":"Observation","code":"a"}""")] // a primitive for an object
    [InlineData("""{"resourceType":"Observation","category":[[{"text":"a"}]]}""")]
    [InlineData("""{"resourceType":"Observation","st\u0061tus":"final"}""")] // an escaped name
    [InlineData("""{"resourceType":"observation","status":"final"}""")]
    [InlineData("""{"resourceType":"Observation","resourceType":"Observation","status":"final"}""")]
    [InlineData("""{"resourceType":"DomainResource","id":"a"}""")]
    [InlineData("""{"resourceType":"MedicationOrder","id":"a"}""")] // DSTU2
    [InlineData("""{"resourceType":"Observation"}""")]
    [InlineData("""{"status":"final"}""")]
    [InlineData("""{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Nope"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","entry":[{"resource":{"status":"final"}}]}""")]
    public void TryRead_AnythingFirelyWouldReportOrRepair_IsLeftToFirely(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(DirectFhirReader.TryRead<Resource>(document.RootElement));
    }

    [Fact]
    public void TryRead_ElementLeftOut_IsReadAsIfAbsent()
    {
        using var document = JsonDocument.Parse("""{"resourceType":"Bundle","type":"searchset","total":1,"entry":[{"resource":{"resourceType":"Nope"}}]}""");

        var bundle = Assert.IsType<Bundle>(DirectFhirReader.TryRead<Resource>(document.RootElement, except: "entry"));

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(1, bundle.Total);
        Assert.Empty(bundle.Entry);
    }

    private static (Resource? Resource, List<CodedException> Issues) ParseWithFirely(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        Firely.TryDeserializeResource(ref reader, out var resource, out var issues);
        return (resource, issues.ToList());
    }
}
