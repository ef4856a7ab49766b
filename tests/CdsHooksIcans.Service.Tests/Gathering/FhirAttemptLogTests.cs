using System.Net;
using System.Net.Sockets;
using CdsHooksIcans.Service.Gathering;
using Microsoft.Extensions.Logging;
using static CdsHooksIcans.Service.Tests.Gathering.FhirBodies;
using Task = System.Threading.Tasks.Task;

namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>A failing FHIR server costs one Warning line per attempt with its reason: no stack trace, no URL, no Polly lines.</summary>
public sealed class FhirAttemptLogTests
{
    [Fact]
    public async Task Retried503_IsOneWarningPerAttempt_WithTheStatus_AndNoStackTrace()
    {
        using var harness = new GathererHarness();
        harness.ServeInTurn(PatientPath, r => r.WithStatusCode(503));

        var data = await harness.GatherAsync(harness.NewRequest(accessToken: "ehr-token-0c2f"), PatientQuery with { Required = false });

        Assert.Equal(3, harness.RequestsReceived);
        // Polly still reports the events it was told to ignore at LogLevel.None, which no console or JSON sink writes.
        var warnings = harness.Logs.Entries.Where(e => e.Level is >= LogLevel.Warning and < LogLevel.None).ToList();
        var attempts = warnings.Where(e => e.EventId.Id == 2010).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, attempt =>
        {
            Assert.Equal("FHIR GET Patient attempt on " + harness.FhirBase.Authority + " failed: answered 503", attempt.Message);
            Assert.Null(attempt.Exception);
        });
        Assert.DoesNotContain(warnings, e => e.Category.StartsWith("Polly", StringComparison.Ordinal));
        Assert.All(warnings, e => Assert.Null(e.Exception));
        Assert.DoesNotContain(GathererHarness.PatientId, string.Join('\n', attempts.Select(a => a.Message)), StringComparison.Ordinal);
        Assert.DoesNotContain("ehr-token-0c2f", harness.Logs.AllText(), StringComparison.Ordinal);
        Assert.Contains(data.Unavailable, u => u.Key == "patient");
    }

    [Fact]
    public async Task UnreachableServer_IsOneWarningPerAttempt_WithTheExceptionKind_AndNoStackTrace()
    {
        using var harness = new GathererHarness();
        // A port nobody listens on: taken and released, so the connection is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var request = harness.NewRequest() with { FhirServer = new Uri($"http://127.0.0.1:{port}/fhir") };

        await harness.GatherAsync(request, PatientQuery with { Required = false });

        var attempts = harness.Logs.Entries.Where(e => e.EventId.Id == 2010).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, attempt =>
        {
            Assert.Equal(LogLevel.Warning, attempt.Level);
            Assert.EndsWith("failed: HttpRequestException ConnectionError (ConnectionRefused)", attempt.Message, StringComparison.Ordinal);
            Assert.Null(attempt.Exception);
        });
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level is >= LogLevel.Warning and < LogLevel.None && e.Exception is not null);
    }
}
