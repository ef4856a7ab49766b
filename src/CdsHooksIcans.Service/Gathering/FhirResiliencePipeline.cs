using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// The Polly pipeline around every FHIR request: retry (transient failures only) outside a circuit breaker outside a
/// per-attempt timeout. It is built once per FHIR server authority, so one failing EHR does not open another's circuit.
/// </summary>
internal static class FhirResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FhirAccessOptions options)
    {
        pipeline
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && RetryAfterFits(args.Outcome.Result)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreaker.FailureRatio,
                MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
                SamplingDuration = options.CircuitBreaker.SamplingDuration,
                BreakDuration = options.CircuitBreaker.BreakDuration,
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

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
}
