using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Authentication;

/// <summary>Refuses a public address that is not one: every token's <c>aud</c> would then be refused.</summary>
internal sealed class CdsEndpointOptionsValidator : IValidateOptions<CdsEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, CdsEndpointOptions options)
    {
        var problems = new SettingProblems(CdsEndpointOptions.Section);
        problems.Require(options.PublicBaseUrl is null || EndpointUrl.Normalize(options.PublicBaseUrl.OriginalString) is not null,
            "PublicBaseUrl must be an absolute http or https URL.");
        return problems.Result;
    }
}
