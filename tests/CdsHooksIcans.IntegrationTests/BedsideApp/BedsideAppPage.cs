using System.Text.Json.Nodes;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CdsHooksIcans.IntegrationTests.BedsideApp;

/// <summary>The bedside app in one browser context (its own session storage), launched as an EHR or a user launches it.</summary>
public sealed class BedsideAppPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private BedsideAppPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>What the app says the chart's grade is now: the grading card's summary, word for word.</summary>
    public ILocator GradeNow => Page.Locator("#grade-now");

    public ILocator GradeWithEntry => Page.Locator("#grade-with-entry .summary");

    public ILocator SaveResult => Page.Locator("#save-result");

    public ILocator CourseTable => Page.Locator("#course-table");

    /// <summary>An EHR launch: the EHR made a launch context for the patient and opens the app with iss and launch.</summary>
    public static async Task<BedsideAppPage> EhrLaunchAsync(BedsideAppHost host, SmartFhirServer fhir, string patientId, string view = "entry")
    {
        var launch = await fhir.CreateLaunchAsync(patientId, appContext: JsonValue.Create($$"""{"view":"{{view}}"}"""));
        return await OpenAsync(host, $"app/launch.html?iss={Uri.EscapeDataString(fhir.BaseUrl.AbsoluteUri)}&launch={launch}");
    }

    /// <summary>
    /// An EHR launch from a card's smart link, as CDS Hooks 2.0 has the EHR do it: the link's url with iss and launch, the
    /// link's appContext handed to the app in the token response.
    /// </summary>
    public static async Task<BedsideAppPage> CardLinkLaunchAsync(BedsideAppHost host, SmartFhirServer fhir, string patientId, string url, string appContext)
    {
        var launch = await fhir.CreateLaunchAsync(patientId, appContext: JsonValue.Create(appContext));
        return await OpenAsync(host, $"{url}?iss={Uri.EscapeDataString(fhir.BaseUrl.AbsoluteUri)}&launch={launch}");
    }

    /// <summary>A standalone launch: the user opens the app with the FHIR server's address only; the server picks the patient.</summary>
    public static Task<BedsideAppPage> StandaloneLaunchAsync(BedsideAppHost host, SmartFhirServer fhir) =>
        OpenAsync(host, $"app/launch.html?iss={Uri.EscapeDataString(fhir.BaseUrl.AbsoluteUri)}");

    /// <summary>Waits until the app has read the chart and shows its grade (or says why it cannot).</summary>
    public async Task WaitUntilLoadedAsync()
    {
        await Page.WaitForFunctionAsync(
            "() => { const error = document.getElementById('app-error'), app = document.getElementById('app'); return !!error && !!app && (!error.hidden || !app.hidden); }",
            null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        if (await Page.Locator("#app-error").IsVisibleAsync())
        {
            throw new InvalidOperationException("the app did not load: " + await Page.Locator("#app-error").TextContentAsync());
        }
    }

    public Task TickAsync(string id) => Page.Locator("#" + id).CheckAsync();

    public Task ChooseAsync(string id) => Page.Locator("#" + id).CheckAsync();

    /// <summary>Saves and waits for the app to say what happened.</summary>
    public async Task SaveAsync()
    {
        await Page.Locator("#save").ClickAsync();
        await Expect(SaveResult).Not.ToBeEmptyAsync();
    }

    public Task<int> AssessmentPointsAsync() => Page.Locator("#course-figure").GetAttributeAsync("data-assessments").ContinueWith(t => int.Parse(t.Result ?? "0", System.Globalization.CultureInfo.InvariantCulture), TaskScheduler.Default);

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static async Task<BedsideAppPage> OpenAsync(BedsideAppHost host, string path)
    {
        // A tablet held upright.
        var context = await host.Chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 820, Height = 1180 } });
        var page = await context.NewPageAsync();
        await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = host.Clock.GetUtcNow().UtcDateTime });
        await page.GotoAsync(new Uri(host.BaseUrl, path).AbsoluteUri);
        return new BedsideAppPage(context, page);
    }
}
