using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Limits for reading the CDS client's FHIR server when prefetch is missing (configuration section <c>CdsHooks:Fhir</c>).
/// The whole budget must stay well inside the response time a CDS client waits for.
/// </summary>
public sealed class FhirAccessOptions
{
    public const string SectionName = "CdsHooks:Fhir";

    /// <summary>Budget for all FHIR reads of one hook call; keys still pending then are "timed out". Default 2 s.</summary>
    public TimeSpan HookDeadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Timeout of one HTTP attempt; a timed-out attempt is retried. Default 800 ms.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Retries after a transient failure (network error, attempt timeout, 408, 429, 5xx). Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later retries back off exponentially with jitter. Default 50 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The circuit breaker kept for each FHIR server (scheme, host and port).</summary>
    public FhirCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Search result pages followed per key (the first page included). Default 10.</summary>
    public int MaxPages { get; set; } = 10;

    /// <summary>Resources kept per key; paging stops there. Default 5000.</summary>
    public int MaxResources { get; set; } = 5000;

    /// <summary>Largest HTTP response body read; a larger one makes the key unavailable. Default 8 MiB.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}

/// <summary>When to stop calling a FHIR server that keeps failing, and for how long.</summary>
public sealed class FhirCircuitBreakerOptions
{
    /// <summary>Share of failed attempts within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="SamplingDuration"/> before the ratio counts. Default 5.</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Window over which failures are counted. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit rejects calls before one trial call is let through. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Rejects settings that would break the pipeline or the hook's response time, at start rather than on the first call.</summary>
internal sealed class FhirAccessOptionsValidator : IValidateOptions<FhirAccessOptions>
{
    // Polly refuses timeouts under 10 ms and breaker windows under 500 ms.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, FhirAccessOptions options)
    {
        var errors = new List<string>();
        void Check(bool valid, string message)
        {
            if (!valid)
            {
                errors.Add($"{FhirAccessOptions.SectionName}:{message}");
            }
        }

        Check(options.HookDeadline >= TimeSpan.FromMilliseconds(50) && options.HookDeadline <= TimeSpan.FromSeconds(30),
            "HookDeadline must be between 50 ms and 30 s.");
        Check(options.AttemptTimeout >= MinimumTimeout && options.AttemptTimeout <= options.HookDeadline,
            "AttemptTimeout must be at least 10 ms and at most HookDeadline.");
        Check(options.MaxRetries is >= 0 and <= 5, "MaxRetries must be between 0 and 5.");
        Check(options.RetryBaseDelay >= TimeSpan.Zero && options.RetryBaseDelay < options.HookDeadline,
            "RetryBaseDelay must be at least 0 and less than HookDeadline.");
        Check(options.MaxPages is >= 1 and <= 100, "MaxPages must be between 1 and 100.");
        Check(options.MaxResources is >= 1 and <= 100_000, "MaxResources must be between 1 and 100000.");
        Check(options.MaxResponseBytes is >= 1024 and <= int.MaxValue, "MaxResponseBytes must be between 1 KiB and 2 GiB.");

        var breaker = options.CircuitBreaker;
        Check(breaker.FailureRatio is > 0 and <= 1, "CircuitBreaker:FailureRatio must be above 0 and at most 1.");
        Check(breaker.MinimumThroughput >= 2, "CircuitBreaker:MinimumThroughput must be at least 2.");
        Check(breaker.SamplingDuration >= MinimumBreakerWindow, "CircuitBreaker:SamplingDuration must be at least 500 ms.");
        Check(breaker.BreakDuration >= MinimumBreakerWindow, "CircuitBreaker:BreakDuration must be at least 500 ms.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
