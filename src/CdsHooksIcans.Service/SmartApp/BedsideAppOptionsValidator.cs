using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>Refuses a launch URL an EHR could not open and a client id the authorization server could not match.</summary>
internal sealed class BedsideAppOptionsValidator : IValidateOptions<BedsideAppOptions>
{
    public ValidateOptionsResult Validate(string? name, BedsideAppOptions options)
    {
        var problems = new SettingProblems(BedsideAppOptions.Section);
        problems.Require(options.LaunchUrl is null || BedsideAppOptions.IsLaunchUrl(options.LaunchUrl),
            "LaunchUrl must be an absolute http(s) URL without a fragment, such as https://icans.example.org/app/launch.html.");
        problems.Require(options.ClientId is not null && BedsideAppOptions.IsClientId(options.ClientId),
            "ClientId must be 1-100 letters, digits, '-', '_' or '.'.");
        return problems.Result;
    }
}
