using System.Diagnostics;
using System.Diagnostics.Metrics;
using CdsHooksIcans.Service.Hooks;

namespace CdsHooksIcans.Service.Telemetry;

/// <summary>
/// The service's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <see cref="Name"/>, and the only
/// place that records into them (docs/adr/0024). Tags are service ids, hook names, status codes and fixed words: never
/// patient ids, resource ids, URLs, query strings or tokens. With no listener attached every method costs a flag check.
/// </summary>
public sealed class CdsTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name: what an OpenTelemetry set-up subscribes to.</summary>
    public const string Name = "CdsHooksIcans";

    /// <summary>The feedback outcomes <see cref="FeedbackReceived"/> records; any other word is recorded as <c>other</c>.</summary>
    public static readonly IReadOnlyList<string> FeedbackOutcomes = ["stored", "duplicate", "unknown_card", "invalid", "unavailable"];

    // Seconds from a fast prefetch-only answer (a few ms) to past the default 2 s hook deadline.
    private static readonly double[] DurationBuckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10];

    // Boxed once: a status code tag would otherwise box an int on every call.
    private static readonly object[] Statuses = [.. Enumerable.Range(0, 600).Select(static code => (object)code)];
    private static readonly object[] Grades = [.. Enumerable.Range(0, 5).Select(static grade => (object)grade)];

    private readonly ActivitySource _source = new(Name);
    private readonly IServiceProvider _services;
    private readonly Counter<long> _hookCalls;
    private readonly Histogram<double> _hookDuration;
    private readonly Counter<long> _fhirFallbackCalls;
    private readonly Counter<long> _preconditionFailed;
    private readonly Histogram<double> _fhirDuration;
    private readonly Counter<long> _assessments;
    private readonly Counter<long> _unauthorized;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _feedback;
    private ServiceCatalog? _catalog;

    /// <param name="meters">The host's meter factory: meters of one host do not mix with another's in the same process.</param>
    /// <param name="services">Read lazily for the catalog, which (through the hooks) depends on this class.</param>
    public CdsTelemetry(IMeterFactory meters, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _services = services;
        var meter = meters.Create(Name);
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets };
        _hookCalls = meter.CreateCounter<long>("cds.hook.calls", "{call}", "CDS service calls answered, by service, hook and HTTP status.");
        _hookDuration = meter.CreateHistogram("cds.hook.duration", "s", "Time from the call's arrival to its answer, by service, hook and HTTP status.", advice: buckets);
        _fhirFallbackCalls = meter.CreateCounter<long>("cds.hook.fhir_fallback.calls", "{call}", "CDS service calls that read the FHIR server (prefetch missing or unusable).");
        _preconditionFailed = meter.CreateCounter<long>("cds.hook.precondition_failed", "{call}", "CDS service calls answered 412, by reason.");
        _fhirDuration = meter.CreateHistogram("cds.fhir.request.duration", "s", "FHIR server requests (each attempt, retries included), by resource type and status.", advice: buckets);
        _assessments = meter.CreateCounter<long>("cds.icans.assessments", "{assessment}", "ICANS gradings, by grade (the lower bound when incomplete) and status.");
        _unauthorized = meter.CreateCounter<long>("cds.auth.unauthorized", "{request}", "Requests answered 401 (no or refused client token).");
        _rateLimited = meter.CreateCounter<long>("cds.rate_limit.rejected", "{request}", "Requests answered 429, by client (issuer, or anonymous).");
        _feedback = meter.CreateCounter<long>("cds.feedback.items", "{item}", "Feedback items received, by service and outcome.");
    }

    /// <summary>
    /// Starts the span of one hook call (the caller disposes it), or returns null when nothing listens. It continues the
    /// trace the EHR sent (traceparent), under any span of ours or another listened-to source.
    /// </summary>
    public Activity? StartHookCall(string serviceId, string hook)
    {
        if (!_source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        ActivityContext parent = default;
        if (current is not null && current.Source.Name.Length == 0)
        {
            // ASP.NET Core's request activity, made without a listener, is never exported: continue what it continued.
            parent = current.ParentSpanId == default
                ? default
                : new ActivityContext(current.TraceId, current.ParentSpanId, current.ActivityTraceFlags, current.TraceStateString, isRemote: true);
            Activity.Current = null;
        }

        var activity = _source.StartActivity(ActivityKind.Server, parent, name: "CDS " + hook + " " + serviceId);
        activity?.SetTag("cds.service", serviceId).SetTag("cds.hook", hook);
        return activity;
    }

    /// <summary>
    /// Records a hook call's answer (<paramref name="statusCode"/> after <paramref name="elapsed"/>): calls and duration by
    /// status, a FHIR fallback call when <paramref name="fhirRequests"/> were sent, a 412 with
    /// <paramref name="preconditionReason"/> (<c>required_data_unavailable</c>, <c>deadline_exceeded</c>); and the status on
    /// the call's span (<paramref name="activity"/>, from <see cref="StartHookCall"/> for <paramref name="serviceId"/> and <paramref name="hook"/>).
    /// </summary>
    public void HookCallCompleted(Activity? activity, string serviceId, string hook, int statusCode, TimeSpan elapsed, int fhirRequests, string? preconditionReason)
    {
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", Status(statusCode)).SetTag("cds.fhir.requests", fhirRequests);
            if (statusCode >= 500)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        if (_hookCalls.Enabled || _hookDuration.Enabled)
        {
            var tags = new TagList { { "cds.service", serviceId }, { "cds.hook", hook }, { "http.response.status_code", Status(statusCode) } };
            _hookCalls.Add(1, tags);
            _hookDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (fhirRequests > 0 && _fhirFallbackCalls.Enabled)
        {
            _fhirFallbackCalls.Add(1, new TagList { { "cds.service", serviceId }, { "cds.hook", hook } });
        }

        if (statusCode == StatusCodes.Status412PreconditionFailed && _preconditionFailed.Enabled)
        {
            _preconditionFailed.Add(1, new TagList { { "cds.service", serviceId }, { "cds.hook", hook }, { "cds.reason", preconditionReason ?? "other" } });
        }
    }

    /// <summary>Starts the span of one FHIR request attempt, or null when nothing listens. No URL: the type and interaction only.</summary>
    internal Activity? StartFhirRequest(string method, FhirRequestKind kind)
    {
        if (!_source.HasListeners())
        {
            return null;
        }

        var activity = _source.StartActivity(kind.SpanName, ActivityKind.Client);
        activity?.SetTag("http.request.method", method).SetTag("fhir.resource_type", kind.ResourceType).SetTag("fhir.interaction", kind.Interaction);
        return activity;
    }

    /// <summary>Records a FHIR attempt's answer (<paramref name="statusCode"/>) or failure (<paramref name="errorType"/>, the exception type).</summary>
    internal void FhirRequestCompleted(Activity? activity, FhirRequestKind kind, int? statusCode, string? errorType, TimeSpan elapsed)
    {
        if (activity is not null)
        {
            if (statusCode is { } status)
            {
                activity.SetTag("http.response.status_code", Status(status));
            }

            if (errorType is not null || statusCode >= 400)
            {
                activity.SetTag("error.type", errorType ?? "http_error").SetStatus(ActivityStatusCode.Error);
            }
        }

        if (_fhirDuration.Enabled)
        {
            var tags = new TagList { { "fhir.resource_type", kind.ResourceType }, { "fhir.interaction", kind.Interaction } };
            if (statusCode is { } status)
            {
                tags.Add("http.response.status_code", Status(status));
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            _fhirDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    /// <summary>Records one ICANS grading: the grade (its lower bound when incomplete) and whether it was complete.</summary>
    public void Assessed(string serviceId, int grade, bool incomplete)
    {
        if (_assessments.Enabled)
        {
            _assessments.Add(1, new TagList
            {
                { "cds.service", serviceId },
                { "icans.grade", grade is >= 0 and < 5 ? Grades[grade] : grade },
                { "icans.grading.status", incomplete ? "incomplete" : "graded" },
            });
        }
    }

    /// <summary>Records one request answered 401.</summary>
    public void Unauthorized()
    {
        if (_unauthorized.Enabled)
        {
            _unauthorized.Add(1);
        }
    }

    /// <summary>Records one request answered 429.</summary>
    /// <param name="issuer">The authenticated client's issuer (a configured client), or null for a caller without a valid token.</param>
    public void RateLimited(string? issuer)
    {
        if (_rateLimited.Enabled)
        {
            _rateLimited.Add(1, new KeyValuePair<string, object?>("cds.client", issuer ?? "anonymous"));
        }
    }

    /// <summary>
    /// Records <paramref name="count"/> feedback items of one request with their outcome: <c>stored</c>, <c>duplicate</c>,
    /// <c>unknown_card</c>, <c>invalid</c> or <c>unavailable</c> (<see cref="FeedbackOutcomes"/>; any other word counts as
    /// <c>other</c>). A service id the catalog does not know counts as <c>unknown</c>, so callers' text cannot grow the tags.
    /// </summary>
    public void FeedbackReceived(string serviceId, string outcome, int count)
    {
        if (!_feedback.Enabled || count <= 0)
        {
            return;
        }

        _catalog ??= _services.GetService(typeof(ServiceCatalog)) as ServiceCatalog;
        var service = _catalog is null || _catalog.Find(serviceId) is not null ? serviceId : "unknown";
        _feedback.Add(count, new TagList { { "cds.service", service }, { "cds.feedback.outcome", KnownOutcome(outcome) } });
    }

    public void Dispose() => _source.Dispose();

    private static object Status(int statusCode) => (uint)statusCode < (uint)Statuses.Length ? Statuses[statusCode] : statusCode;

    private static string KnownOutcome(string outcome)
    {
        foreach (var known in FeedbackOutcomes)
        {
            if (string.Equals(known, outcome, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return "other";
    }
}
