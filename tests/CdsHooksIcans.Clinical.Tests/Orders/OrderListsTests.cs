using System.Text.Json;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Tests.Orders;

/// <summary>The orders being signed and the charted active orders, as both hooks hand them to the checks.</summary>
public sealed class OrderListsTests
{
    private static readonly OrderReader Reader = RepositoryPaths.OrderReader(IcansTerminology.Load([RepositoryPaths.Terminology]));

    private static string Dexamethasone(string id, string status = "draft", string subject = "Patient/p1") =>
        $$$"""{"resourceType":"MedicationRequest","id":"{{{id}}}","status":"{{{status}}}","intent":"order","subject":{"reference":"{{{subject}}}"},"medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"3264"}]}}""";

    [Fact]
    public void DraftOrders_UnreadableOrUnknownEntries_AreSkipped_AndEachOrderKnowsItsRequest()
    {
        const string NotR4 = """{"resourceType":"MedicationRequest","id":"bad","status":1}""";
        const string NotAnIcansDrug = """{"resourceType":"MedicationRequest","id":"other","status":"draft","intent":"order","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"paracetamol"}}""";
        using var bundle = JsonDocument.Parse(
            $$"""{"resourceType":"Bundle","entry":[{"resource":{{Dexamethasone("d1")}}},{"resource":{{NotR4}}},{"resource":{{NotAnIcansDrug}}},"not an entry",{"resource":{{Dexamethasone("d2")}}}]}""");

        var drafts = DraftOrders.Read(bundle.RootElement, Reader);

        Assert.Equal(["MedicationRequest/d1", "MedicationRequest/d2"], drafts.Orders.Select(o => o.Reference));
        Assert.All(drafts.Orders, o => Assert.True(o.IsDraft));
        Assert.Equal("d2", drafts.RequestOf(drafts.Orders[1])?.Id);
        Assert.Null(drafts.RequestOf(drafts.Orders[0] with { }));
    }

    [Theory]
    [InlineData("""{"resourceType":"Bundle"}""")]
    [InlineData("""{"resourceType":"Bundle","entry":{}}""")]
    [InlineData("[]")]
    public void DraftOrders_NoEntries_AreNone(string json)
    {
        using var bundle = JsonDocument.Parse(json);

        Assert.Empty(DraftOrders.Read(bundle.RootElement, Reader).Orders);
        Assert.Empty(DraftOrders.Read(default, Reader).Orders);
    }

    [Fact]
    public void ActiveOrders_OnlyActiveOrdersOfThePatient_AreRead()
    {
        var charted = new[] { Dexamethasone("a1", "active"), Dexamethasone("stopped", "stopped"), Dexamethasone("other", "active", "Patient/p2") }
            .Select(json => JsonDocument.Parse(json).RootElement)
            .Select(json => FhirJson.TryParse(json)!)
            .Append(new Patient { Id = "p1" });

        var active = ActiveOrders.Read(charted, Reader, "p1");

        var order = Assert.Single(active);
        Assert.Equal("MedicationRequest/a1", order.Reference);
        Assert.Equal(IcansDrug.Dexamethasone, order.Drug);
        Assert.False(order.IsDraft);
    }

    [Theory]
    [InlineData("Patient/p1", true)]
    [InlineData("https://ehr.example.org/fhir/Patient/p1", true)]
    [InlineData("Patient/xp1", false)]
    [InlineData("OtherPatient/p1", false)]
    public void ActiveOrders_AreThePatientsOnly_WhenTheReferenceNamesThePatientWhole(string subject, bool counts)
    {
        var charted = FhirJson.TryParse(JsonDocument.Parse(Dexamethasone("a1", "active", subject)).RootElement)!;

        var active = ActiveOrders.Read([charted], Reader, "p1");

        Assert.Equal(counts, active.Count == 1);
    }
}
