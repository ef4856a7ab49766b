using System.Net;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.Hosting;

/// <summary>The one Information line per call names its service, hook, hookInstance, status, time and FHIR requests as fields.</summary>
public sealed class HookCallLogTests
{
    [Fact]
    public async Task HookCall_LineHasItsFields_InTheTemplate()
    {
        await using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();
        var body = CdsHttp.PatientViewRequest();

        using var response = await client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await SingleCallLineAsync(factory);
        Assert.Equal("hook", line.Values["Kind"]);
        Assert.Equal("test-patient-view", line.Values["ServiceId"]);
        Assert.Equal("patient-view", line.Values["Hook"]);
        Assert.Equal((string)body["hookInstance"]!, line.Values["HookInstance"]);
        Assert.Equal(200, line.Values["StatusCode"]);
        Assert.IsType<double>(line.Values["ElapsedMs"]);
        Assert.Equal(0, line.Values["FhirRequests"]);
        Assert.StartsWith($"CDS hook test-patient-view (patient-view, hookInstance {body["hookInstance"]}) answered 200 in ", line.Message, StringComparison.Ordinal);
        Assert.EndsWith(" ms; FHIR requests: 0", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p1", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedHookCall_LineHasItsStatus()
    {
        await using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostRawAsync("/cds-services/test-order-sign", "{"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var line = await SingleCallLineAsync(factory);
        Assert.Equal("test-order-sign", line.Values["ServiceId"]);
        Assert.Equal("order-sign", line.Values["Hook"]);
        Assert.Null(line.Values["HookInstance"]);
        Assert.Equal(400, line.Values["StatusCode"]);
    }

    // The line is written after the answer has gone.
    private static async Task<CapturingLoggerProvider.LogEntry> SingleCallLineAsync(CdsServiceFactory factory)
    {
        for (var i = 0; i < 200 && !factory.Logs.Entries.Any(e => e.EventId.Id == 1000); i++)
        {
            await Task.Delay(10);
        }

        return Assert.Single(factory.Logs.Entries, e => e.EventId.Id == 1000);
    }
}
