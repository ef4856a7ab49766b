using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>Refuses content settings that name no folder; whether the folders hold valid content is checked when it loads.</summary>
internal sealed class ContentOptionsValidator : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        var problems = new SettingProblems(ContentOptions.Section);
        problems.Require(!string.IsNullOrWhiteSpace(options.CardsPath), "CardsPath must name a folder.");
        problems.Require(options.TerminologyPaths.All(p => !string.IsNullOrWhiteSpace(p)), "TerminologyPaths must name folders.");
        problems.Require(options.MedicationPaths.All(p => !string.IsNullOrWhiteSpace(p)), "MedicationPaths must name folders.");
        return problems.Result;
    }
}
