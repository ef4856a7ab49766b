namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Limits for reading the CDS client's FHIR server when prefetch is missing (configuration section <c>CdsHooks:Fhir</c>).
/// The whole budget must stay well inside the response time a CDS client waits for.
/// </summary>
public sealed class FhirAccessOptions
{
    public const string Section = "CdsHooks:Fhir";

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
