using System.Diagnostics;
using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using Microsoft.Extensions.DependencyInjection;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static CdsHooksIcans.Service.Tests.Gathering.FhirBodies;
using Task = System.Threading.Tasks.Task;

namespace CdsHooksIcans.Service.Tests.Gathering;

/// <summary>Reading the EHR's FHIR server when prefetch is missing: paging, retries, deadlines, the circuit breaker, limits.</summary>
public sealed class FhirFallbackTests
{
    private const string FhirJson = "application/fhir+json";

    [Fact]
    public async Task Paging_ThreePages_AllEntriesRead()
    {
        using var harness = new GathererHarness();
        harness.Serve("Observation", SearchPage(harness.FhirBase + "/Observation/page2", "obs-1", "obs-2"));
        harness.Serve("Observation/page2", SearchPage(harness.FhirBase + "/Observation/page3", "obs-3"));
        harness.Serve("Observation/page3", SearchPage(null, "obs-4"));

        var data = await harness.GatherAsync(harness.NewRequest(), IceQuery);

        Assert.Equal(["obs-1", "obs-2", "obs-3", "obs-4"], data.Resources["ice"].Select(r => r.Id));
        Assert.Equal(3, data.FhirRequests);
        Assert.Empty(data.Truncated);
    }

    [Fact]
    public async Task Paging_NextLinkRepeatsAFetchedPage_Stops()
    {
        using var harness = new GathererHarness();
        harness.Serve("Observation/page2", SearchPage(harness.FhirBase + "/Observation/page2", "obs-2"));
        var request = harness.NewRequest(new Dictionary<string, string> { ["ice"] = SearchPage(harness.FhirBase + "/Observation/page2", "obs-1") });

        var data = await harness.GatherAsync(request, IceQuery);

        Assert.Equal(["obs-1", "obs-2"], data.Resources["ice"].Select(r => r.Id));
        Assert.Equal(1, harness.RequestsReceived);
    }

    [Fact]
    public async Task Paging_MaxPagesReached_StopsAndMarksTruncated()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?> { ["MaxPages"] = "2" });
        harness.Serve("Observation", SearchPage(harness.FhirBase + "/Observation/page2", "obs-1"));
        harness.Serve("Observation/page2", SearchPage(harness.FhirBase + "/Observation/page3", "obs-2"));
        harness.Serve("Observation/page3", SearchPage(null, "obs-3"));

        var data = await harness.GatherAsync(harness.NewRequest(), IceQuery);

        Assert.Equal(["obs-1", "obs-2"], data.Resources["ice"].Select(r => r.Id));
        Assert.Equal(2, harness.RequestsReceived);
        Assert.Contains("2 result pages", Assert.Single(data.Truncated).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_MaxResourcesReached_KeepsTheCap()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?> { ["MaxResources"] = "3" });
        harness.Serve("Observation", SearchPage(harness.FhirBase + "/Observation/page2", "obs-1", "obs-2"));
        harness.Serve("Observation/page2", SearchPage(harness.FhirBase + "/Observation/page3", "obs-3", "obs-4"));

        var data = await harness.GatherAsync(harness.NewRequest(), IceQuery);

        Assert.Equal(["obs-1", "obs-2", "obs-3"], data.Resources["ice"].Select(r => r.Id));
        Assert.Equal(2, harness.RequestsReceived);
        Assert.Equal("ice", Assert.Single(data.Truncated).Key);
    }

    [Fact]
    public async Task Paging_NextLinkOnAnotherHost_NotFollowedAndUnavailable()
    {
        using var harness = new GathererHarness();
        using var elsewhere = WireMockServer.Start();
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithBody(SearchPage(null, "obs-9")));
        harness.Serve("Observation", SearchPage(elsewhere.Url + "/fhir/Observation/page2", "obs-1"));

        var data = await harness.GatherAsync(harness.NewRequest(accessToken: "ehr-token"), IceQuery);

        Assert.Empty(elsewhere.LogEntries);
        Assert.Equal("the next result page is not on the FHIR server", Assert.Single(data.Unavailable).Reason);
    }

    [Fact]
    public async Task Retry_503ThenSuccess_TwoRequests()
    {
        using var harness = new GathererHarness();
        harness.ServeInTurn(PatientPath,
            r => r.WithStatusCode(503),
            r => r.WithHeader("Content-Type", FhirJson).WithBody(Patient()));

        var data = await harness.GatherAsync(harness.NewRequest(), PatientQuery);

        Assert.Single(data.Resources["patient"]);
        Assert.Equal(2, data.FhirRequests);
        Assert.Equal(2, harness.RequestsReceived);
    }

    [Fact]
    public async Task Retry_503WithRetryAfterThatFits_WaitsThenSucceeds()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?> { ["HookDeadline"] = "00:00:03" });
        harness.ServeInTurn(PatientPath,
            r => r.WithStatusCode(503).WithHeader("Retry-After", "1"),
            r => r.WithHeader("Content-Type", FhirJson).WithBody(Patient()));

        var watch = Stopwatch.StartNew();
        var data = await harness.GatherAsync(harness.NewRequest(), PatientQuery);

        Assert.Single(data.Resources["patient"]);
        Assert.Equal(2, data.FhirRequests);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Retry_503WithRetryAfterBeyondDeadline_FailsAtOnce()
    {
        using var harness = new GathererHarness();
        harness.Fhir.Given(Request.Create().WithPath("/fhir/" + PatientPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "120"));

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(harness.NewRequest(), PatientQuery));

        Assert.Equal("FHIR server answered 503", Assert.Single(error.Missing).Reason);
        Assert.Equal(1, harness.RequestsReceived);

        // Not waiting for the 120 s, nor until the 2 s deadline: the margin is for a busy test machine.
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1800), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Retry_429ThenSuccess_Retried()
    {
        using var harness = new GathererHarness();
        harness.ServeInTurn(PatientPath,
            r => r.WithStatusCode(429).WithHeader("Retry-After", "0"),
            r => r.WithHeader("Content-Type", FhirJson).WithBody(Patient()));

        var data = await harness.GatherAsync(harness.NewRequest(), PatientQuery);

        Assert.Single(data.Resources["patient"]);
        Assert.Equal(2, data.FhirRequests);
    }

    [Fact]
    public async Task NoRetry_404OnRequiredKey_OneRequestAndThrows()
    {
        using var harness = new GathererHarness();
        harness.Serve(PatientPath, OperationOutcome(), status: 404);

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(harness.NewRequest(), PatientQuery));

        Assert.Equal(new UnavailableData("patient", "FHIR server answered 404"), Assert.Single(error.Missing));
        Assert.Equal(1, harness.RequestsReceived);
    }

    [Fact]
    public async Task OptionalKeyFailure_ListedInUnavailable_RequiredKeyStillReturned()
    {
        using var harness = new GathererHarness();
        harness.Serve(PatientPath, Patient());
        harness.Serve("Observation", OperationOutcome("forbidden"), status: 403);

        var data = await harness.GatherAsync(harness.NewRequest(), PatientQuery, IceQuery);

        Assert.Single(data.Resources["patient"]);
        Assert.Equal(new UnavailableData("ice", "FHIR server answered 403"), Assert.Single(data.Unavailable));
        Assert.Equal(2, data.FhirRequests);
    }

    [Fact]
    public async Task Timeout_SlowFirstAttempt_RetriedWithinTheDeadline()
    {
        using var harness = new GathererHarness();
        harness.ServeInTurn(PatientPath,
            r => r.WithDelay(TimeSpan.FromSeconds(2)).WithHeader("Content-Type", FhirJson).WithBody(Patient("slow")),
            r => r.WithHeader("Content-Type", FhirJson).WithBody(Patient("fast")));

        var data = await harness.GatherAsync(harness.NewRequest(), PatientQuery);

        Assert.Equal("fast", Assert.Single(data.Resources["patient"]).Id);
        Assert.Equal(2, data.FhirRequests);
    }

    [Fact]
    public async Task Timeout_ServerSlowerThanTheDeadline_RequiredKeyThrowsWithinDeadline()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?>
        {
            ["HookDeadline"] = "00:00:01",
            ["AttemptTimeout"] = "00:00:00.800",
        });
        harness.Fhir.Given(Request.Create().WithPath("/fhir/" + PatientPath).UsingGet())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithHeader("Content-Type", FhirJson).WithBody(Patient()));

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(harness.NewRequest(), PatientQuery));

        Assert.Equal("timed out", Assert.Single(error.Missing).Reason);

        // Gave up by the 1 s deadline: the first attempt timed out at 0.8 s, and a retry with less than half an attempt
        // left is not started; three timed-out attempts would take about 2.5 s (the rest of the margin is for a busy machine).
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(2200));
    }

    [Fact]
    public async Task Timeout_ReadThatEndsLongAfterItsCancellation_KeyTimedOutAtTheDeadline()
    {
        // A read that takes 5 s to end once cancelled, as hundreds of them do on a thread pool busy with the others
        // cancelled at the same deadline: the hook answers at its deadline, not when the read is done.
        using var harness = new GathererHarness(
            new Dictionary<string, string?> { ["HookDeadline"] = "00:00:01" },
            services => services.AddHttpClient(FhirSession.HttpClientName).AddHttpMessageHandler(() => new SlowToCancelHandler(TimeSpan.FromSeconds(5))));

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(harness.NewRequest(), PatientQuery));

        Assert.Equal("timed out", Assert.Single(error.Missing).Reason);
        // Far below the 5 s the read takes to end; the rest is for a busy test machine.
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromMilliseconds(3000));
    }

    [Fact]
    public async Task ConnectionReset_Retried()
    {
        using var harness = new GathererHarness();
        await using var flaky = ResettingFhirServer.Start(resets: 1, body: Patient());

        var data = await harness.GatherAsync(harness.NewRequest() with { FhirServer = flaky.BaseUrl }, PatientQuery);

        Assert.Single(data.Resources["patient"]);
        Assert.Equal(2, data.FhirRequests);
        Assert.Equal(2, flaky.Connections);
    }

    [Fact]
    public async Task ConnectionResetEveryTime_UnavailableAfterRetries()
    {
        using var harness = new GathererHarness();
        await using var broken = ResettingFhirServer.Start(resets: int.MaxValue, body: Patient());

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(
            () => harness.GatherAsync(harness.NewRequest() with { FhirServer = broken.BaseUrl }, PatientQuery));

        Assert.Equal("the FHIR server could not be reached", Assert.Single(error.Missing).Reason);
        Assert.Equal(3, broken.Connections);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Sign in</body></html>")]
    [InlineData("application/json", """{"hello":"world"}""")]
    [InlineData(FhirJson, "{ not json")]
    public async Task NonFhirAnswer_KeyUnavailableNotACrash(string contentType, string body)
    {
        using var harness = new GathererHarness();
        harness.Serve("Observation", body, contentType: contentType);

        var data = await harness.GatherAsync(harness.NewRequest(), IceQuery);

        var missing = Assert.Single(data.Unavailable);
        Assert.Equal("ice", missing.Key);
        Assert.Equal(1, harness.RequestsReceived);
    }

    [Fact]
    public async Task Redirect_NotFollowed()
    {
        using var harness = new GathererHarness();
        harness.Fhir.Given(Request.Create().WithPath("/fhir/" + PatientPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", harness.FhirBase + "/Patient/other"));
        harness.Serve("Patient/other", Patient("other"));

        var error = await Assert.ThrowsAsync<RequiredDataUnavailableException>(
            () => harness.GatherAsync(harness.NewRequest(accessToken: "ehr-token"), PatientQuery));

        Assert.Contains("302", Assert.Single(error.Missing).Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.RequestsReceived);
    }

    [Fact]
    public async Task ResponseTooLarge_KeyUnavailable()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?> { ["MaxResponseBytes"] = "2048" });
        harness.Serve("Observation", SearchPage(null, Enumerable.Range(1, 100).Select(i => $"obs-{i}").ToArray()));

        var data = await harness.GatherAsync(harness.NewRequest(), IceQuery);

        Assert.Equal("the FHIR server's answer is larger than the configured limit", Assert.Single(data.Unavailable).Reason);
    }

    [Fact]
    public async Task CircuitBreaker_OpensAfterFailures_ThenRecoversAfterTheBreak()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?>
        {
            ["MaxRetries"] = "0",
            ["CircuitBreaker:MinimumThroughput"] = "2",
            ["CircuitBreaker:BreakDuration"] = "00:00:00.500",
        });
        harness.ServeInTurn(PatientPath,
            r => r.WithStatusCode(500),
            r => r.WithStatusCode(500),
            r => r.WithHeader("Content-Type", FhirJson).WithBody(Patient()));
        var request = harness.NewRequest();

        await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(request, PatientQuery));
        await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(request, PatientQuery));
        var open = await Assert.ThrowsAsync<RequiredDataUnavailableException>(() => harness.GatherAsync(request, PatientQuery));

        Assert.StartsWith("circuit open", Assert.Single(open.Missing).Reason, StringComparison.Ordinal);
        Assert.Equal(2, harness.RequestsReceived);
        var opened = Assert.Single(harness.Logs.Entries, e => e.EventId.Id == 2011);
        Assert.Equal(LogLevel.Warning, opened.Level);
        Assert.Equal($"FHIR server {harness.FhirBase.GetLeftPart(UriPartial.Authority)} failed repeatedly (last: answered 500): not called for 0.5 s", opened.Message);
        Assert.Null(opened.Exception);

        await Task.Delay(TimeSpan.FromMilliseconds(700));
        var recovered = await harness.GatherAsync(request, PatientQuery);

        Assert.Single(recovered.Resources["patient"]);
        Assert.Equal(1, recovered.FhirRequests);
    }

    [Fact]
    public async Task Template_UserPractitionerIdAndEncodedValues_Expanded()
    {
        using var harness = new GathererHarness();
        harness.Fhir.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", FhirJson).WithBody(SearchPage(null)));
        var request = harness.NewRequest(patientId: "pat 1&_id=x", userId: "Practitioner/doc-1");

        var data = await harness.GatherAsync(request,
            new PrefetchQuery("author", "Practitioner?_id={{userPractitionerId}}", Required: false),
            new PrefetchQuery("ice", "Observation?patient={{ context.patientId }}", Required: false));

        Assert.Empty(data.Unavailable);
        // Distinct: the assertion is about the URLs sent; a transient retry under a loaded test run does not change them.
        var queries = harness.Fhir.LogEntries.Select(e => e.RequestMessage!.Path + e.RequestMessage.RawQuery).Distinct().Order().ToList();
        Assert.Equal(["/fhir/Observation?patient=pat%201%26_id%3Dx", "/fhir/Practitioner?_id=doc-1"], queries);
    }

    [Fact]
    public async Task Template_UnresolvableToken_UnavailableWithoutRequest()
    {
        using var harness = new GathererHarness();

        var data = await harness.GatherAsync(harness.NewRequest(),
            new PrefetchQuery("encounter", "Encounter/{{context.encounterId}}", Required: false),
            new PrefetchQuery("guardian", "RelatedPerson/{{userRelatedPersonId}}", Required: false));

        Assert.Equal(
            ["the query needs {{context.encounterId}}, which this call does not provide",
             "the query needs {{userRelatedPersonId}}, which this call does not provide"],
            data.Unavailable.Select(u => u.Reason));
        Assert.Equal(0, harness.RequestsReceived);
    }

    [Fact]
    public async Task ParallelKeys_FetchedConcurrently()
    {
        // Each answer takes 1.5 s: fetched one after another, the requests would arrive at least that far apart. Limits
        // wide enough that no attempt times out. Arrival times, not the call's duration, so a busy machine cannot fail it.
        var answerTime = TimeSpan.FromMilliseconds(1500);
        using var harness = new GathererHarness(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:05", ["HookDeadline"] = "00:00:10" });
        foreach (var path in new[] { PatientPath, "Observation", "Condition" })
        {
            harness.Fhir.Given(Request.Create().WithPath("/fhir/" + path).UsingGet())
                .RespondWith(Response.Create().WithDelay(answerTime).WithHeader("Content-Type", FhirJson)
                    .WithBody(path == PatientPath ? Patient() : SearchPage(null)));
        }

        var data = await harness.GatherAsync(harness.NewRequest(), PatientQuery, IceQuery,
            new PrefetchQuery("conditions", "Condition?patient={{context.patientId}}", Required: true));

        Assert.Equal(3, data.Resources.Count);
        var arrivals = harness.Fhir.LogEntries.Select(e => e.RequestMessage!.DateTime).Order().ToList();
        Assert.Equal(3, arrivals.Count);
        Assert.True(arrivals[^1] - arrivals[0] < answerTime, $"requests arrived over {arrivals[^1] - arrivals[0]}");
    }

    [Fact]
    public async Task Options_OutOfRange_RejectedWhenResolved()
    {
        using var harness = new GathererHarness(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:30" });

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => harness.GatherAsync(harness.NewRequest(), PatientQuery));

        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
    }
}
