using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Security;

/// <summary>Refuses a bucket that could never let a request through.</summary>
internal sealed class CdsRateLimitOptionsValidator : IValidateOptions<CdsRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsRateLimitOptions options)
    {
        var problems = new SettingProblems(CdsRateLimitOptions.Section);
        problems.Require(options.BurstLimit is >= 1 and <= 1_000_000, "BurstLimit must be between 1 and 1000000.");
        problems.Require(options.RequestsPerPeriod is >= 1 and <= 1_000_000, "RequestsPerPeriod must be between 1 and 1000000.");
        problems.Require(options.ReplenishmentPeriod > TimeSpan.Zero, "ReplenishmentPeriod must be positive.");
        return problems.Result;
    }
}
