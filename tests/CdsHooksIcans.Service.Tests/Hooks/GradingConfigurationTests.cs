using CdsHooksIcans.Grading;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Tests.Hooks;

public sealed class GradingConfigurationTests
{
    [Fact]
    public void GradingWindows_FromConfiguration_ReplaceTheDefaults()
    {
        using var factory = new CdsServiceFactory()
            .WithSetting("CdsHooks:Grading:CarTWindow", "45.00:00:00")
            .WithSetting("CdsHooks:Grading:AssessmentWindow", "12:00:00");

        var options = factory.Services.GetRequiredService<IOptions<GradingOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(45), options.CarTWindow);
        Assert.Equal(TimeSpan.FromHours(12), options.AssessmentWindow);
        Assert.Equal(GradingOptions.Default.TCellEngagerWindow, options.TCellEngagerWindow);
    }

    [Fact]
    public void LateWatchWindow_FromConfiguration_ReplacesTheOneYearDefault()
    {
        using var factory = new CdsServiceFactory().WithSetting("CdsHooks:Grading:LateWatchWindow", "180.00:00:00");

        var options = factory.Services.GetRequiredService<IOptions<GradingOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(180), options.LateWatchWindow);
        Assert.Equal(TimeSpan.FromDays(365), GradingOptions.Default.LateWatchWindow);
    }

    [Theory]
    [InlineData("LateWatchWindow", "00:00:00")]
    [InlineData("LateWatchWindow", "10.00:00:00")]
    [InlineData("AssessmentWindow", "-01:00:00")]
    public void GradingWindow_Unusable_IsRefusedNamingTheSetting(string setting, string value)
    {
        using var factory = new CdsServiceFactory().WithSetting("CdsHooks:Grading:" + setting, value);

        var error = Assert.Throws<OptionsValidationException>(() => factory.Services.GetRequiredService<IOptions<GradingOptions>>().Value);

        Assert.Contains("CdsHooks:Grading:" + setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminologyPaths_FromConfiguration_ReplaceTheDefaultFolder()
    {
        var folder = RepositoryRoot.File(Path.Combine("fhir-profiles", "terminology"));
        using var factory = new CdsServiceFactory().WithSetting("CdsHooks:Content:TerminologyPaths:0", folder);

        var options = factory.Services.GetRequiredService<IOptions<ContentOptions>>().Value;

        Assert.Equal([folder], options.TerminologyPaths);
        Assert.NotNull(factory.Services.GetRequiredService<IcansContent>());
    }

    [Fact]
    public void TerminologyPaths_NotConfigured_UseTheFolderBesideTheBinary()
    {
        using var factory = new CdsServiceFactory();

        var options = factory.Services.GetRequiredService<IOptions<ContentOptions>>().Value;

        Assert.Equal([ContentOptions.DefaultTerminologyPath], options.TerminologyPaths);
    }
}
