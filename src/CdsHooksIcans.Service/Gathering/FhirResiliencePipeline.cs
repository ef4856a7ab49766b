using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// The Polly pipeline around every FHIR request: a circuit breaker outside retry (transient failures only) outside a
/// per-attempt timeout. It is built once per FHIR server authority, so one failing EHR does not open another's circuit.
/// </summary>
/// <remarks>
/// The breaker is outermost so it counts one outcome per request, after its retries: counting attempts let one
/// failing optional search open the circuit and starve the required searches of the same hook call.
/// </remarks>
internal static partial class FhirResiliencePipeline
{
    /// <param name="pipeline">The pipeline of one FHIR server authority.</param>
    /// <param name="options">The FHIR access settings.</param>
    /// <param name="logger">Where an opened circuit is reported, in one line without a stack trace.</param>
    /// <param name="authority">The FHIR server the pipeline serves (its scheme, host and port).</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FhirAccessOptions options, ILogger logger, string authority)
    {
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // An oversized answer is the data's fault, not the server's health.
            ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome) && !IsOverLimit(args.Outcome.Exception)),
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
            OnOpened = args =>
            {
                LogCircuitOpened(logger, authority, args.BreakDuration.TotalSeconds,
                    args.Outcome.Exception?.GetType().Name ?? "answered " + (int?)args.Outcome.Result?.StatusCode);
                return default;
            },
        });

        // Polly requires at least one retry attempt, so "no retries" means no retry strategy.
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !IsOverLimit(args.Outcome.Exception)
                    && RetryAfterFits(args.Outcome.Result)
                    && RetryCanFinish(options.AttemptTimeout)),
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    /// <summary>The same oversized answer would come back on a retry.</summary>
    private static bool IsOverLimit(Exception? exception)
        => exception is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded };

    /// <summary>
    /// A Retry-After the hook cannot wait for is not honoured: the key fails now with the server's answer instead of
    /// sleeping into the deadline.
    /// </summary>
    private static bool RetryAfterFits(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var scope = FhirRequestScope.Current;
        if (retryAfter is null || scope is null)
        {
            return true;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date - scope.TimeProvider.GetUtcNow()) ?? TimeSpan.Zero;
        return wait < scope.Remaining;
    }

    /// <summary>
    /// A retry starts only while half an attempt's timeout is left before the hook's deadline: one started later could
    /// answer only if the server got faster than it just was, and under load the cancelled attempts of many calls at
    /// their deadline cost the CPU that answering them on time needs (docs/adr/0025).
    /// </summary>
    private static bool RetryCanFinish(TimeSpan attemptTimeout)
        => FhirRequestScope.Current is not { } scope || scope.Remaining >= attemptTimeout / 2;

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "FHIR server {FhirServer} failed repeatedly (last: {LastFailure}): not called for {BreakSeconds} s")]
    private static partial void LogCircuitOpened(ILogger logger, string fhirServer, double breakSeconds, string lastFailure);
}
