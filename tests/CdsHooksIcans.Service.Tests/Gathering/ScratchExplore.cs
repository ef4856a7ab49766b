using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Xunit.Abstractions;
namespace CdsHooksIcans.Service.Tests.Gathering;
public sealed class ScratchExplore(ITestOutputHelper output)
{
    const string Json = """{"resourceType":"MedicationRequest","id":"r1","status":"draft","intent":"order","category":{"coding":[{"code":"inpatient"}]},"subject":{"reference":"Patient/p"}}""";
    [Fact]
    public void Scratch_Explore()
    {
        var opts = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Recoverable);
        var mr = (MedicationRequest)JsonSerializer.Deserialize<Resource>(Json, opts)!;
        mr.TryGetValue("category", out var v);
        output.WriteLine($"recoverable: TryGetValue type {v?.GetType().FullName}; HasOverflow {mr.HasOverflow}");
        foreach (var kv in mr.EnumerateElements()) output.WriteLine($"  elem {kv.Key} = {kv.Value?.GetType().Name}");
        try { output.WriteLine($"cat count {mr.Category.Count}"); } catch (Exception ex) { output.WriteLine("cat throws " + ex.GetType().Name); }
        try {
            var legacy = FhirSerializationEngineFactory.Legacy.Permissive(ModelInfo.ModelInspector).DeserializeFromJson(Json);
            output.WriteLine($"legacy permissive: {((MedicationRequest)legacy!).Category.Count}");
        } catch (Exception ex) { output.WriteLine("legacy throws " + ex); }
        try {
            var p = new FhirJsonParser(new ParserSettings { PermissiveParsing = true }).Parse<MedicationRequest>(Json);
            output.WriteLine($"parser permissive: {p.Category.Count}");
        } catch (Exception ex) { output.WriteLine("parser throws " + ex.GetType().Name + ex.Message); }
        var b = JsonSerializer.Deserialize<Resource>("""{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"x"}}]}""", opts) as Bundle;
        output.WriteLine($"bundle type {b!.Type} entries {b.Entry.Count}");
        var noStatus = JsonSerializer.Deserialize<Resource>("""{"resourceType":"Observation","id":"o","code":{"text":"x"},"bogus":1}""", opts)!;
        output.WriteLine($"unknown elem overflow {noStatus.HasOverflow}");
    }
}
