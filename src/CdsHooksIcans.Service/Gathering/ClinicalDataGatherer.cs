using System.Text.Json;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Task = System.Threading.Tasks.Task;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Resolves prefetch keys: a resource or Bundle in the request is used, <c>null</c> means no data, an absent key, an
/// OperationOutcome or a value of another shape than the template asks for (<see cref="ExpectedShape"/>) is queried from
/// <c>fhirServer</c>. Throws <see cref="RequiredDataUnavailableException"/>
/// when a required key cannot be had.
/// </summary>
public sealed partial class ClinicalDataGatherer(
    IHttpClientFactory httpClientFactory,
    IOptions<FhirAccessOptions> options,
    TimeProvider timeProvider,
    ILogger<ClinicalDataGatherer> logger)
{
    private const string ClientReportedError = "the CDS client reported an error for this data and no fhirServer was given";

    /// <summary>The time one hook call may spend gathering data, across all of its phases.</summary>
    public TimeSpan HookDeadline => options.Value.HookDeadline;

    /// <param name="request">The validated hook call.</param>
    /// <param name="queries">The prefetch keys to resolve.</param>
    /// <param name="cancellationToken">The caller's token (client disconnects).</param>
    /// <param name="budget">What is left of the hook's deadline; <see cref="HookDeadline"/> when omitted.</param>
    /// <param name="keepEntry">
    /// Which prefetched search results to read (a resource screen on their JSON); all when omitted. FHIR server answers
    /// are read whole: the templates' code filters already keep them to what the rules read.
    /// </param>
    public async Task<GatheredData> GatherAsync(
        HookRequest request, IReadOnlyList<PrefetchQuery> queries, CancellationToken cancellationToken, TimeSpan? budget = null,
        Func<JsonElement, bool>? keepEntry = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);

        var limits = options.Value;
        var allowed = budget is { } b ? TimeSpan.FromTicks(Math.Clamp(b.Ticks, TimeSpan.FromMilliseconds(1).Ticks, limits.HookDeadline.Ticks)) : limits.HookDeadline;
        var started = timeProvider.GetTimestamp();
        var deadline = new CancellationTokenSource(allowed, timeProvider);
        var hookToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var scope = FhirRequestScope.Begin(allowed, timeProvider);
        var fhir = request.FhirServer is null
            ? null
            : new FhirSession(httpClientFactory.CreateClient(FhirSession.HttpClientName), request.FhirServer, request.FhirAuthorization);

        var reads = queries.Select(query => ResolveAsync(query, request, fhir, limits, keepEntry, hookToken.Token)).ToArray();
        var outcomes = await AtDeadlineAsync(reads, allowed, () =>
        {
            fhir?.Dispose();
            hookToken.Dispose();
            deadline.Dispose();
        }, cancellationToken);
        // The caller gave up (the client disconnected): nothing to report.
        cancellationToken.ThrowIfCancellationRequested();

        var resources = new Dictionary<string, IReadOnlyList<Resource>>(StringComparer.Ordinal);
        var unavailable = new List<UnavailableData>();
        var missingRequired = new List<UnavailableData>();
        var truncated = new List<UnavailableData>();
        foreach (var (query, outcome) in queries.Zip(outcomes))
        {
            if (outcome.Resources is { } found)
            {
                resources[query.Key] = found;
                if (outcome.TruncatedReason is { } why)
                {
                    truncated.Add(new UnavailableData(query.Key, why));
                }

                LogKeyResolved(query.Key, outcome.Source, found.Count, outcome.TruncatedReason);
            }
            else
            {
                var missing = new UnavailableData(query.Key, outcome.UnavailableReason!);
                (query.Required ? missingRequired : unavailable).Add(missing);
                LogKeyUnavailable(query.Key, query.Required, missing.Reason);
            }
        }

        var elapsedMs = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        // A call answered from prefetch alone is the call log line's business; trips to the FHIR server are worth a line.
        LogGathered(scope.RequestsSent > 0 ? LogLevel.Information : LogLevel.Debug,
            queries.Count, elapsedMs, scope.RequestsSent, missingRequired.Count + unavailable.Count);
        if (missingRequired.Count > 0)
        {
            throw new RequiredDataUnavailableException(missingRequired);
        }

        return new GatheredData(resources, unavailable, scope.RequestsSent) { Truncated = truncated };
    }

    /// <summary>
    /// The outcome of every read once all are done or the deadline has passed, whichever comes first: a read still
    /// unwinding its cancellation at the deadline (under load, hundreds of them end at once) is "timed out" now, not when
    /// the thread pool gets to it. <paramref name="release"/> runs once every read has ended, so none loses its client.
    /// </summary>
    private async Task<KeyOutcome[]> AtDeadlineAsync(Task<KeyOutcome>[] reads, TimeSpan allowed, Action release, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(reads);
        try
        {
            return await all.WaitAsync(allowed, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            return [.. reads.Select(read => read.IsCompletedSuccessfully ? read.Result : KeyOutcome.Missing("timed out"))];
        }
        finally
        {
            // The caller gave up (the client disconnected) or time is up: the reads end on their own, cancelled.
            if (all.IsCompleted)
            {
                release();
            }
            else
            {
                _ = all.ContinueWith(_ => release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private async Task<KeyOutcome> ResolveAsync(
        PrefetchQuery query, HookRequest request, FhirSession? fhir, FhirAccessOptions limits, Func<JsonElement, bool>? keepEntry,
        CancellationToken cancellationToken)
    {
        string reasonWithoutServer;
        // A read's id comes from this call's context; a search is judged the same in every call, with nothing to expand.
        var shape = query.Shape is { IsRead: true } read ? read.ForRead(PrefetchTemplate.Expand(query.Template, request).RelativeUrl) : query.Shape;
        if (request.Prefetch.TryGetValue(query.Key, out var prefetched))
        {
            if (prefetched.ValueKind == JsonValueKind.Null)
            {
                // The client ran the query and found nothing; asking again would only cost time.
                return KeyOutcome.Found([], "prefetch");
            }

            // Judged on the JSON, before the screen drops entries: a wrong-shaped key is missing data, never "none".
            if (shape?.Mismatch(prefetched) is { } found)
            {
                LogWrongShape(query.Key, found, shape.ToString());
                reasonWithoutServer = found == ExpectedShape.AnOperationOutcome
                    ? ClientReportedError
                    : $"the prefetched data is {found}, not {shape}, and no fhirServer was given";
            }
            else
            {
                switch (FhirJson.TryParse(prefetched, keepEntry))
                {
                    case OperationOutcome:
                        reasonWithoutServer = ClientReportedError;
                        break;
                    case null:
                        reasonWithoutServer = "the prefetched data is not readable FHIR and no fhirServer was given";
                        break;
                    case var resource:
                        return await GuardAsync(() => CollectAsync(resource, null, fhir, limits, "prefetch", shape, cancellationToken), cancellationToken);
                }
            }
        }
        else
        {
            reasonWithoutServer = "no fhirServer and not prefetched";
        }

        if (fhir is null)
        {
            return KeyOutcome.Missing(reasonWithoutServer);
        }

        var expansion = PrefetchTemplate.Expand(query.Template, request);
        if (expansion.RelativeUrl is null)
        {
            return KeyOutcome.Missing($"the query needs {expansion.UnresolvedToken}, which this call does not provide");
        }

        if (fhir.Resolve(expansion.RelativeUrl) is not { } url)
        {
            return KeyOutcome.Missing("the query does not stay on the FHIR server");
        }

        return await GuardAsync(
            async () => await fhir.GetAsync(url, cancellationToken) is { } first
                ? await CollectAsync(first, url, fhir, limits, "fhirServer", shape, cancellationToken)
                : KeyOutcome.Missing("the FHIR server did not answer with a FHIR R4 resource"),
            cancellationToken);
    }

    /// <summary>
    /// The data of one key from its first answer: a search result Bundle is flattened and its <c>next</c> pages followed
    /// (on the same server only, within the page and resource caps); any other resource is the data itself. A server's
    /// page of another shape than the template asks for makes the key missing.
    /// </summary>
    private static async Task<KeyOutcome> CollectAsync(
        Resource first, Uri? firstUrl, FhirSession? fhir, FhirAccessOptions limits, string source, ExpectedShape? shape, CancellationToken cancellationToken)
    {
        if (first is OperationOutcome)
        {
            return KeyOutcome.Missing("the FHIR server answered with an OperationOutcome");
        }

        if (firstUrl is not null && shape?.Mismatch(first) is { } found)
        {
            return KeyOutcome.Missing($"the FHIR server answered with {found}, not {shape}");
        }

        if (first is not Bundle page || !FhirJson.IsSearchResult(page))
        {
            return KeyOutcome.Found([first], source);
        }

        var resources = new List<Resource>();
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        if (firstUrl is not null)
        {
            fetched.Add(firstUrl.AbsoluteUri);
        }

        for (var pages = 1; ; pages++)
        {
            resources.AddRange(FhirJson.Entries(page).Take(limits.MaxResources - resources.Count));
            if (resources.Count >= limits.MaxResources)
            {
                return KeyOutcome.Found(resources, source, $"only the first {limits.MaxResources} resources were read");
            }

            if (FhirJson.NextLink(page) is not { } next)
            {
                return KeyOutcome.Found(resources, source);
            }

            if (fhir is null)
            {
                return KeyOutcome.Found(resources, source, "only the first page was read: no fhirServer to fetch the rest");
            }

            if (fhir.Resolve(next) is not { } nextUrl)
            {
                // Following it would send the token (or patient ids) to a server the client did not name.
                return KeyOutcome.Missing("the next result page is not on the FHIR server");
            }

            if (!fetched.Add(nextUrl.AbsoluteUri))
            {
                // A server that links back to a page already read has no more data to give.
                return KeyOutcome.Found(resources, source);
            }

            if (pages >= limits.MaxPages)
            {
                return KeyOutcome.Found(resources, source, $"only the first {limits.MaxPages} result pages were read");
            }

            switch (await fhir.GetAsync(nextUrl, cancellationToken))
            {
                case Bundle nextPage when shape?.Mismatch(nextPage) is { } foundOnPage:
                    return KeyOutcome.Missing($"a result page from the FHIR server is {foundOnPage}, not {shape}");
                case Bundle nextPage:
                    page = nextPage;
                    source = "prefetch and fhirServer";
                    break;
                default:
                    return KeyOutcome.Missing("a result page from the FHIR server is not a Bundle");
            }
        }
    }

    /// <summary>Turns any failure of one key into a reason for that key, so one bad answer never fails the whole hook.</summary>
    private async Task<KeyOutcome> GuardAsync(Func<Task<KeyOutcome>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = cancellationToken.IsCancellationRequested ? "timed out" : Describe(ex);
            // The type only: messages of FHIR and HTTP exceptions can carry URLs with patient ids.
            LogReadFailed(ex.GetType().Name, reason);
            return KeyOutcome.Missing(reason);
        }
    }

    /// <summary>A reason safe to show a clinician: the status or failure kind, never the URL or the token.</summary>
    private static string Describe(Exception failure)
    {
        // The FhirClient wraps transport failures, so the cause can be anywhere in the chain.
        var chain = new List<Exception>();
        for (var ex = failure; ex is not null; ex = ex.InnerException)
        {
            chain.Add(ex);
        }

        if (chain.Any(ex => ex is BrokenCircuitException))
        {
            return "circuit open: the FHIR server failed repeatedly and is not being called for now";
        }

        if (chain.Any(ex => ex is TimeoutRejectedException or OperationCanceledException))
        {
            return "timed out";
        }

        if (chain.Any(ex => ex is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded }))
        {
            return "the FHIR server's answer is larger than the configured limit";
        }

        if (chain.Any(ex => ex is HttpRequestException))
        {
            return "the FHIR server could not be reached";
        }

        return chain.OfType<FhirOperationException>().FirstOrDefault()?.Status switch
        {
            { } status when (int)status is >= 300 and < 400 => $"FHIR server answered {(int)status} (redirects are not followed)",
            { } status when (int)status >= 400 => $"FHIR server answered {(int)status}",
            // A 2xx the FhirClient could not turn into a resource.
            { } => "the FHIR server did not answer with FHIR JSON",
            null => "the FHIR request failed",
        };
    }

    private sealed record KeyOutcome(IReadOnlyList<Resource>? Resources, string Source, string? UnavailableReason, string? TruncatedReason)
    {
        public static KeyOutcome Found(IReadOnlyList<Resource> resources, string source, string? truncatedReason = null)
            => new(resources, source, null, truncatedReason);

        public static KeyOutcome Missing(string reason) => new(null, "none", reason, null);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Prefetch key {Key} resolved from {Source}: {ResourceCount} resources (truncated: {Truncated})")]
    private partial void LogKeyResolved(string key, string source, int resourceCount, string? truncated);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Prefetch key {Key} (required: {Required}) is unavailable: {Reason}")]
    private partial void LogKeyUnavailable(string key, bool required, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Prefetch key {Key} holds {Found}, not {Expected}: treated as missing")]
    private partial void LogWrongShape(string key, string found, string expected);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "FHIR read failed with {ExceptionType}: {Reason}")]
    private partial void LogReadFailed(string exceptionType, string reason);

    [LoggerMessage(EventId = 2004, Message = "Gathered {KeyCount} prefetch keys in {ElapsedMs} ms with {FhirRequests} FHIR requests; {UnavailableCount} unavailable")]
    private partial void LogGathered(LogLevel level, int keyCount, long elapsedMs, int fhirRequests, int unavailableCount);
}
