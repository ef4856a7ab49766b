using CdsHooksIcans.Grading;
using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// Names every problem of the grading settings (<see cref="GradingOptions.Problems"/>): windows are clinical settings, and a
/// watch of zero days would silently drop late neurotoxicity.
/// </summary>
internal sealed class GradingOptionsValidator : IValidateOptions<GradingOptions>
{
    /// <summary>The section <see cref="GradingOptions"/> bind to; the grading library itself knows no configuration.</summary>
    public const string Section = "CdsHooks:Grading";

    public ValidateOptionsResult Validate(string? name, GradingOptions options)
    {
        var problems = new SettingProblems(Section);
        foreach (var problem in options.Problems())
        {
            problems.Add(problem);
        }

        return problems.Result;
    }
}
