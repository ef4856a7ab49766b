using System.Text.Json;
using CdsHooksIcans.Service.Gathering;

namespace CdsHooksIcans.Service.Tests.Gathering;

public sealed class PrefetchTemplateTests : IDisposable
{
    private readonly GathererHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("Patient/{{context.patientId}}", "Patient/pat-1")]
    [InlineData("Practitioner/{{userPractitionerId}}", "Practitioner/doc-1")]
    [InlineData("Observation?performer={{context.userId}}", "Observation?performer=Practitioner%2Fdoc-1")]
    [InlineData("Observation?patient={{context.patientId}}&_sort=-date&_count=50", "Observation?patient=pat-1&_sort=-date&_count=50")]
    public void Expand_KnownTokens_Substituted(string template, string expected)
    {
        var expansion = PrefetchTemplate.Expand(template, _harness.NewRequest());

        Assert.Equal(expected, expansion.RelativeUrl);
        Assert.Null(expansion.UnresolvedToken);
    }

    [Theory]
    [InlineData("Patient/{{userPatientId}}", "{{userPatientId}}")]
    [InlineData("Medication/{{context.medication.id}}", "{{context.medication.id}}")]
    [InlineData("Encounter/{{context.encounterId}}", "{{context.encounterId}}")]
    [InlineData("Observation?date=ge{{today() - 90 days}}", "{{today() - 90 days}}")]
    public void Expand_UnknownToken_Reported(string template, string token)
    {
        var expansion = PrefetchTemplate.Expand(template, _harness.NewRequest());

        Assert.Null(expansion.RelativeUrl);
        Assert.Equal(token, expansion.UnresolvedToken);
    }

    [Fact]
    public void Expand_ValueWithPathCharacters_CannotLeaveItsSegment()
    {
        var expansion = PrefetchTemplate.Expand("Patient/{{context.patientId}}", _harness.NewRequest(patientId: "../Practitioner/x?y=1"));

        Assert.Equal("Patient/..%2FPractitioner%2Fx%3Fy%3D1", expansion.RelativeUrl);
    }

    [Fact]
    public void Expand_FirstLevelPrimitiveContextField_Substituted()
    {
        var request = _harness.NewRequest() with
        {
            Context = JsonSerializer.SerializeToElement(new { patientId = "pat-1", userId = "Practitioner/doc-1", count = 3, draft = true }),
        };

        var expansion = PrefetchTemplate.Expand("Observation?patient={{context.patientId}}&_count={{context.count}}&x={{context.draft}}", request);

        Assert.Equal("Observation?patient=pat-1&_count=3&x=true", expansion.RelativeUrl);
    }
}
