using System.Text.Json.Nodes;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Tests.Hosting;

/// <summary>Every row of settings-refused.json: every options type is validated at start-up and names the wrong setting.</summary>
public sealed class SettingsValidationTests
{
    private static readonly JsonArray Rows = JsonNode.Parse(File.ReadAllText(
        RepositoryRoot.File(Path.Combine("tests", "CdsHooksIcans.Service.Tests", "Hosting", "settings-refused.json"))))!["rows"]!.AsArray();

    public static TheoryData<string, string, string> Refused()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var row in Rows)
        {
            rows.Add((string)row!["setting"]!, (string)row["value"]!, (string)row["names"]!);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Setting_TheServiceCannotRunWith_StopsStartUpNamingIt(string setting, string value, string names)
    {
        using var factory = new CdsServiceFactory().WithSetting(setting, value);

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(names, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSettings_StartTheService()
    {
        using var factory = new CdsServiceFactory();

        using var client = factory.CreateClient();

        Assert.NotNull(client);
    }
}
