using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>Collects what is wrong with one configuration section, each problem prefixed with the section so the operator finds the setting.</summary>
internal sealed class SettingProblems(string section)
{
    private readonly List<string> _problems = [];

    /// <summary>Records <paramref name="message"/> (which starts with the setting's name) unless <paramref name="valid"/>.</summary>
    public void Require(bool valid, string message)
    {
        if (!valid)
        {
            Add(message);
        }
    }

    /// <summary>Records a problem found elsewhere, such as a library's own check of its settings.</summary>
    public void Add(string message) => _problems.Add($"{section}:{message}");

    public ValidateOptionsResult Result => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);
}
