using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>Refuses a body limit too small for any hook call or too large to buffer safely.</summary>
internal sealed class CdsProtocolOptionsValidator : IValidateOptions<CdsProtocolOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsProtocolOptions options)
    {
        var problems = new SettingProblems(CdsProtocolOptions.Section);
        problems.Require(options.MaxRequestBytes is >= 1024 and <= 64 * 1024 * 1024, "MaxRequestBytes must be between 1 KiB and 64 MiB.");
        return problems.Result;
    }
}
