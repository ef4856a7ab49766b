namespace CdsHooksIcans.Service.Gathering;

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
