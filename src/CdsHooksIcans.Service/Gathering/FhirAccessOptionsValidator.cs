using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>Rejects settings that would break the pipeline or the hook's response time, at start rather than on the first call.</summary>
internal sealed class FhirAccessOptionsValidator : IValidateOptions<FhirAccessOptions>
{
    // Polly refuses timeouts under 10 ms and breaker windows under 500 ms.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, FhirAccessOptions options)
    {
        var problems = new SettingProblems(FhirAccessOptions.Section);
        problems.Require(options.HookDeadline >= TimeSpan.FromMilliseconds(50) && options.HookDeadline <= TimeSpan.FromSeconds(30),
            "HookDeadline must be between 50 ms and 30 s.");
        problems.Require(options.AttemptTimeout >= MinimumTimeout && options.AttemptTimeout <= options.HookDeadline,
            "AttemptTimeout must be at least 10 ms and at most HookDeadline.");
        problems.Require(options.MaxRetries is >= 0 and <= 5, "MaxRetries must be between 0 and 5.");
        problems.Require(options.RetryBaseDelay >= TimeSpan.Zero && options.RetryBaseDelay < options.HookDeadline,
            "RetryBaseDelay must be at least 0 and less than HookDeadline.");
        problems.Require(options.MaxPages is >= 1 and <= 100, "MaxPages must be between 1 and 100.");
        problems.Require(options.MaxResources is >= 1 and <= 100_000, "MaxResources must be between 1 and 100000.");
        problems.Require(options.MaxResponseBytes is >= 1024 and <= int.MaxValue, "MaxResponseBytes must be between 1 KiB and 2 GiB.");

        var breaker = options.CircuitBreaker;
        problems.Require(breaker.FailureRatio is > 0 and <= 1, "CircuitBreaker:FailureRatio must be above 0 and at most 1.");
        problems.Require(breaker.MinimumThroughput >= 2, "CircuitBreaker:MinimumThroughput must be at least 2.");
        problems.Require(breaker.SamplingDuration >= MinimumBreakerWindow, "CircuitBreaker:SamplingDuration must be at least 500 ms.");
        problems.Require(breaker.BreakDuration >= MinimumBreakerWindow, "CircuitBreaker:BreakDuration must be at least 500 ms.");

        return problems.Result;
    }
}
