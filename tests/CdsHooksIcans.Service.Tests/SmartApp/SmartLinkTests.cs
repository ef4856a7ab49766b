using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.SmartApp;
using CdsHooksIcans.Service.Tests.Infrastructure;
using CdsHooksIcans.Service.Tests.Scenarios;
using Microsoft.AspNetCore.Http;

namespace CdsHooksIcans.Service.Tests.SmartApp;

/// <summary>The grading cards open the bedside app with a SMART link: content names the app, the host gives its address.</summary>
public sealed class SmartLinkTests
{
    [Theory]
    [InlineData("Bundle-scenario-grade-3.json", "Open the ICANS course and enter an assessment", """{"view":"course"}""")]
    [InlineData("Bundle-scenario-incomplete.json", "Score ICE now (bedside app)", """{"view":"entry"}""")]
    public async Task GradingCard_LinksToTheBedsideApp_AtTheServicesOwnAddress(string file, string label, string appContext)
    {
        var link = await GradingCardLinkAsync(file, new CdsServiceFactory());

        Assert.Equal((label, "http://localhost/app/launch.html", "smart", appContext),
            ((string)link["label"]!, (string)link["url"]!, (string)link["type"]!, (string)link["appContext"]!));
    }

    [Fact]
    public async Task GradingCard_LinksToTheConfiguredLaunchUrl_WhenOneIsSet()
    {
        var link = await GradingCardLinkAsync("Bundle-scenario-grade-3.json",
            new CdsServiceFactory().WithSetting("CdsHooks:App:LaunchUrl", "https://icans.example.org/bedside/launch.html"));

        Assert.Equal("https://icans.example.org/bedside/launch.html", (string)link["url"]!);
    }

    [Fact]
    public void LaunchUrl_WithoutConfiguration_IsTheRequestsSchemeHostAndPathBase()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "https";
        request.Host = new HostString("icans.hospital.example", 8443);
        request.PathBase = "/cds";

        var launch = AppLaunch.For(request, new BedsideAppOptions());

        Assert.Equal("https://icans.hospital.example:8443/cds/app/launch.html", launch.BedsideLaunchUrl);
    }

    [Fact]
    public void AppLink_WithNoKnownAddress_IsLeftOff_WhileAUrlStays()
    {
        Assert.Null(AppLaunch.None.UrlOf(new LinkContent("Open", AppLinks.Scheme + AppLinks.Bedside, "smart")));
        Assert.Equal("https://doi.org/10.1/x", AppLaunch.None.UrlOf(new LinkContent("Paper", "https://doi.org/10.1/x", "absolute")));
    }

    private static async Task<JsonNode> GradingCardLinkAsync(string file, CdsServiceFactory factory)
    {
        await using (factory)
        {
            var (patientId, resources) = ScenarioTests.LoadScenario(file);
            factory.WithFakeTime().Time.SetUtcNow(ScenarioTests.GradedAt(file));
            using var client = factory.CreateClient();
            var hook = await TemplatePrefetch.PatientViewRequestAsync(client, patientId, resources);
            using var answer = await client.PostAsJsonAsync("/cds-services/" + ServiceDefinitions.PatientViewId, hook);
            var card = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray()
                .Single(c => c!["extension"]?[GradingExtension.Key] is not null)!;
            return Assert.Single(card["links"]!.AsArray())!;
        }
    }
}
