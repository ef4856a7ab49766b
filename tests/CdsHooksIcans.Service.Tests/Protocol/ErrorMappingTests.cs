using System.Net;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CdsHooksIcans.Service.Tests.Protocol;

public sealed class ErrorMappingTests : IDisposable
{
    private readonly CdsServiceFactory _factory = new();
    private readonly HttpClient _client;

    public ErrorMappingTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Call_UnknownService_Is404()
    {
        var response = await _client.PostJsonAsync("/cds-services/no-such-service", CdsHttp.PatientViewRequest());

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.NotFound));
        Assert.Equal("not-found", issue.Code);
    }

    [Fact]
    public async Task Call_RequiredDataUnavailable_Is412NamingEachKey()
    {
        _factory.PatientView.Behaviour = (_, _) => throw new RequiredDataUnavailableException(
            [new UnavailableData("patient", "the FHIR server did not answer"), new UnavailableData("infusions", "no fhirServer was given")]);

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        var issues = await response.ReadOutcomeAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(["prefetch.patient", "prefetch.infusions"], issues.Select(i => i.Expression));
        Assert.All(issues, issue => Assert.Equal("incomplete", issue.Code));
        Assert.Contains("did not answer", issues[0].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_DeadlineCancelledGathering_Is412Timeout()
    {
        _factory.PatientView.Behaviour = (_, _) => throw new OperationCanceledException("deadline");

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.PreconditionFailed));
        Assert.Equal("timeout", issue.Code);
    }

    [Fact]
    public async Task Call_UnexpectedFailure_Is500WithoutDetail()
    {
        _factory.PatientView.Behaviour = (_, _) => throw new InvalidOperationException("secret detail from /srv/internal/path");

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.InternalServerError));
        Assert.Equal("exception", issue.Code);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnexpectedFailure_IsLoggedWithServiceIdAndHookInstance()
    {
        _factory.PatientView.Behaviour = (_, _) => throw new InvalidOperationException("boom");

        await _client.PostJsonAsync("/cds-services/test-patient-view", CdsHttp.PatientViewRequest());

        var entry = Assert.Single(_factory.Logs.Entries, e => e.EventId.Id == 1005);
        Assert.Equal("test-patient-view", entry.ScopeValues["ServiceId"]);
        Assert.Equal("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", entry.ScopeValues["HookInstance"]);
        Assert.Contains("boom", entry.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_Completed_LogsStatusInScopeWithoutTokenOrPatientData()
    {
        var body = CdsHttp.PatientViewRequest();
        body["fhirAuthorization"] = CdsHttp.FhirAuthorization();
        body["context"]!["patientId"] = "patient-identifier-8812";

        var response = await _client.PostJsonAsync("/cds-services/test-patient-view", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = Assert.Single(_factory.Logs.Entries, e => e.EventId.Id == 1000);
        Assert.Contains("200", completed.Message, StringComparison.Ordinal);
        Assert.Equal("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", completed.ScopeValues["HookInstance"]);
        var logged = _factory.Logs.AllText();
        Assert.DoesNotContain("secret-access-token-4711", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("patient-identifier-8812", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_ClientAborted_Is499WithoutBody()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };
        context.Response.Body = new MemoryStream();
        var handler = new CdsExceptionHandler(NullLogger<CdsExceptionHandler>.Instance, TimeProvider.System);

        var handled = await handler.TryHandleAsync(context, new OperationCanceledException(aborted.Token), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(499, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task Handler_StoreUnavailable_Is503TransientWithRetryAfter_LoggedOncePerInterval()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var handler = new CdsExceptionHandler(factory.CreateLogger<CdsExceptionHandler>(), time);
        var unavailable = new DependencyUnavailableException("token replay cache (Redis)", "RedisConnectionException");

        async Task<DefaultHttpContext> Answer()
        {
            var context = new DefaultHttpContext();
            context.Response.Body = new MemoryStream();
            await handler.TryHandleAsync(context, unavailable, CancellationToken.None);
            return context;
        }

        var first = await Answer();
        await Answer();
        time.Advance(TimeSpan.FromSeconds(11));
        await Answer();

        Assert.Equal(503, first.Response.StatusCode);
        Assert.Equal("5", first.Response.Headers.RetryAfter.ToString());
        first.Response.Body.Position = 0;
        var outcome = await new StreamReader(first.Response.Body).ReadToEndAsync();
        Assert.Contains("\"code\":\"transient\"", outcome, StringComparison.Ordinal);
        Assert.Contains("token replay cache (Redis) is unavailable", outcome, StringComparison.Ordinal);
        Assert.Equal(2, logs.Entries.Count(e => e.Message.Contains("is unavailable (RedisConnectionException)", StringComparison.Ordinal)));
    }
}
