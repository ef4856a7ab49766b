using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>Refuses a feedback store without a file: feedback would otherwise fail on its first call.</summary>
internal sealed class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        var problems = new SettingProblems(FeedbackOptions.Section);
        problems.Require(!string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath must name a file.");
        return problems.Result;
    }
}
