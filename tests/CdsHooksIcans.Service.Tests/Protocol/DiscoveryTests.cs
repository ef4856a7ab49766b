using System.Net;
using System.Text.Json;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class DiscoveryTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Discovery_ListsEachServiceDefinition()
    {
        var response = await _factory.CreateClient().GetAsync("/cds-services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var services = (await response.ReadJsonAsync()).GetProperty("services").EnumerateArray().ToList();
        var patientView = Assert.Single(services, s => s.GetProperty("id").GetString() == "test-patient-view");
        Assert.Equal("patient-view", patientView.GetProperty("hook").GetString());
        Assert.Equal("Test patient view", patientView.GetProperty("title").GetString());
        Assert.Equal("A patient-view service for protocol tests.", patientView.GetProperty("description").GetString());
        Assert.Equal("Any patient.", patientView.GetProperty("usageRequirements").GetString());
        Assert.Equal("Patient/{{context.patientId}}", patientView.GetProperty("prefetch").GetProperty("patient").GetString());
        Assert.Equal("Condition?patient={{context.patientId}}", patientView.GetProperty("prefetch").GetProperty("conditions").GetString());
    }

    [Fact]
    public async Task Discovery_OmitsEmptyOptionalFields()
    {
        var response = await _factory.CreateClient().GetAsync("/cds-services");

        var services = (await response.ReadJsonAsync()).GetProperty("services").EnumerateArray();
        var orderSign = Assert.Single(services, s => s.GetProperty("id").GetString() == "test-order-sign");
        Assert.False(orderSign.TryGetProperty("prefetch", out _));
        Assert.False(orderSign.TryGetProperty("usageRequirements", out _));
        Assert.All(services, service => Assert.All(service.EnumerateObject(), field => Assert.NotEqual(JsonValueKind.Null, field.Value.ValueKind)));
    }
}
