using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Telemetry;

/// <summary>Refuses a scrape path that is no plain path or that would shadow an endpoint the service already serves.</summary>
internal sealed class CdsTelemetryOptionsValidator : IValidateOptions<CdsTelemetryOptions>
{
    private static readonly string[] Taken = ["/cds-services", "/healthz", "/readyz"];

    public ValidateOptionsResult Validate(string? name, CdsTelemetryOptions options)
    {
        var problems = new SettingProblems(CdsTelemetryOptions.Section);
        if (options.PrometheusScrapeEndpoint is { Length: > 0 } path)
        {
            problems.Require(
                path.Length > 1 && path[0] == '/' && !path.Contains('?') && !path.Contains('#') && !path.Contains("//", StringComparison.Ordinal)
                    && !path.Any(char.IsWhiteSpace) && !path.Contains('{'),
                "PrometheusScrapeEndpoint must be a path such as /metrics (no query, no route parameters), or unset.");
            problems.Require(
                !Taken.Any(taken => path.TrimEnd('/').Equals(taken, StringComparison.OrdinalIgnoreCase)
                    || path.StartsWith(taken + "/", StringComparison.OrdinalIgnoreCase)),
                "PrometheusScrapeEndpoint must not be under /cds-services, /healthz or /readyz.");
        }

        return problems.Result;
    }
}
