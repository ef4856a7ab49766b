using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Clinical.Tests.Terminology;

/// <summary>Broken copies of the real terminology stop start-up with one message naming the file and the field.</summary>
public sealed class TerminologyValidationTests
{
    [Fact]
    public void Load_CopyOfRealTerminology_Loads()
    {
        using var copy = TempTerminology.CopyOfReal();
        Assert.NotEmpty(IcansTerminology.Load([copy.Folder]).Products);
    }

    [Fact]
    public void Load_ValueSetWithoutUrl_NamesFileAndField() =>
        AssertBroken("ValueSet-crs-conditions.json", json => json.Remove("url"), "ValueSet.url", "missing");

    [Fact]
    public void Load_CodeSystemWithoutUrl_NamesFileAndField() =>
        AssertBroken("CodeSystem-icans-finding.json", json => json.Remove("url"), "CodeSystem.url", "missing");

    [Fact]
    public void Load_WholeSystemIncludeOfUnknownCodeSystem_NamesFileAndField() =>
        AssertBroken(
            "ValueSet-icans-observations.json",
            json => json["compose"]!["include"]![0]!["system"] = "http://example.org/no-such-system",
            "ValueSet.compose.include[0].system",
            "unknown CodeSystem 'http://example.org/no-such-system'");

    [Fact]
    public void Load_IncludeOfUnknownValueSet_NamesFileAndField() =>
        AssertBroken(
            "ValueSet-corticosteroids.json",
            json => json["compose"]!["include"]![1]!["valueSet"] = new JsonArray("http://cdshooks-icans.org/fhir/ValueSet/prednisone"),
            "ValueSet.compose.include[1].valueSet[0]",
            "unknown ValueSet");

    [Fact]
    public void Load_ConceptMapTargetNotInOurCodeSystem_NamesFileAndField() =>
        AssertBroken(
            "ConceptMap-iec-product-codes.json",
            json => json["group"]![0]!["element"]![2]!["target"]![0]!["code"] = "liso-cel",
            "ConceptMap.group[0].element[2].target[0].code",
            "'liso-cel' does not exist");

    [Fact]
    public void Load_ObservationConceptWithoutEnumMember_NamesFileAndField() =>
        AssertBroken(
            "CodeSystem-icans-observation.json",
            json => json["concept"]!.AsArray().Add(new JsonObject { ["code"] = "mmse-total", ["display"] = "MMSE" }),
            "CodeSystem.concept[15].code",
            "'mmse-total' is not an observation kind");

    [Fact]
    public void Load_FindingEnumMemberWithoutConcept_NamesTheMember()
    {
        using var copy = TempTerminology.CopyOfReal();
        copy.Edit("CodeSystem-icans-finding.json", json => RemoveConcept(json, "papilledema"));
        copy.Edit("ValueSet-icp-edema-findings.json", json => json["compose"]!["include"]![0]!["concept"]!.AsArray()
            .Remove(json["compose"]!["include"]![0]!["concept"]!.AsArray().Single(c => (string?)c!["code"] == "papilledema")));
        var error = Assert.Throws<TerminologyException>(() => IcansTerminology.Load([copy.Folder]));
        Assert.EndsWith("CodeSystem-icans-finding.json", error.File, StringComparison.Ordinal);
        Assert.Contains("IcpEdemaFinding needs concepts for: papilledema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ValueSetListingACodeOurCodeSystemLacks_NamesFileAndField() =>
        AssertBroken(
            "ValueSet-motor-findings.json",
            json => json["compose"]!["include"]![0]!["concept"]![0]!["code"] = "ataxia",
            "ValueSet.compose.include[0].concept[0].code",
            "'ataxia' is not defined");

    [Fact]
    public void Load_FindingInTheWrongDomain_NamesFileAndField() =>
        AssertBroken(
            "CodeSystem-icans-finding.json",
            json => Concept(json, "tremor")["property"]![0]!["valueCode"] = "seizure",
            "CodeSystem.concept[",
            "'tremor' is not a SeizureFinding");

    [Fact]
    public void Load_ProductWithoutTherapyClass_NamesFileAndField() =>
        AssertBroken(
            "CodeSystem-iec-product.json",
            json => Concept(json, "tarlatamab").Remove("property"),
            "CodeSystem.concept[",
            "'tarlatamab' needs a 'therapy-class' property");

    [Fact]
    public void Load_MissingRequiredValueSet_SaysWhich()
    {
        using var copy = TempTerminology.CopyOfReal();
        File.Delete(Path.Combine(copy.Folder, "ValueSet-car-t-history.json"));
        var error = Assert.Throws<TerminologyException>(() => IcansTerminology.Load([copy.Folder]));
        Assert.Contains(IcansCanonicals.CarTHistory, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile()
    {
        using var copy = TempTerminology.CopyOfReal();
        copy.Write("ValueSet-broken.json", "{ \"resourceType\": \"ValueSet\", ");
        var error = Assert.Throws<TerminologyException>(() => IcansTerminology.Load([copy.Folder]));
        Assert.EndsWith("ValueSet-broken.json", error.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_NamesIt()
    {
        var error = Assert.Throws<TerminologyException>(() => IcansTerminology.Load(["/no/such/folder"]));
        Assert.Equal("/no/such/folder", error.File);
    }

    private static void AssertBroken(string fileName, Action<JsonObject> breakIt, string field, string problem)
    {
        using var copy = TempTerminology.CopyOfReal();
        copy.Edit(fileName, breakIt);
        var error = Assert.Throws<TerminologyException>(() => IcansTerminology.Load([copy.Folder]));
        Assert.EndsWith(fileName, error.File, StringComparison.Ordinal);
        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(fileName, error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Concept(JsonObject codeSystem, string code) =>
        codeSystem["concept"]!.AsArray().Single(c => (string?)c!["code"] == code)!.AsObject();

    private static void RemoveConcept(JsonObject codeSystem, string code) =>
        codeSystem["concept"]!.AsArray().Remove(Concept(codeSystem, code));
}
