using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Security;

/// <summary>Refuses origins that are not origins: a path or a typo would silently lock a browser client out.</summary>
internal sealed class CdsCorsOptionsValidator : IValidateOptions<CdsCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsCorsOptions options)
    {
        var problems = new SettingProblems(CdsCorsOptions.Section);
        problems.Require(options.AllowedOrigins.All(CdsCorsOptions.IsOrigin),
            "AllowedOrigins must be origins such as https://sandbox.cds-hooks.org (scheme, host, port; no path).");
        return problems.Result;
    }
}
