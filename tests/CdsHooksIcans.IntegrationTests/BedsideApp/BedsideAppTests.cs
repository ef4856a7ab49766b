using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CdsHooksIcans.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CdsHooksIcans.IntegrationTests.BedsideApp;

/// <summary>
/// The bedside SMART app in headless Chromium, launched against the local FHIR server with its SMART authorization server:
/// what a nurse enters is saved as the contract's Observations, read back, and graded by the service the cards come from.
/// Each test that writes uses a scenario patient of its own.
/// </summary>
[Collection(UsesSmartFhirServer.Name)]
public sealed partial class BedsideAppTests(SmartFhirServer fhir, BedsideAppHost host) : IClassFixture<BedsideAppHost>, IAsyncLifetime
{
    private const string ObservationSystem = "http://cdshooks-icans.org/fhir/CodeSystem/icans-observation";

    public Task InitializeAsync()
    {
        SetDefaultExpectTimeout(20_000);
        return fhir.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EhrLaunch_IceOfSixAndASeizure_SavedReadBackAndGradedThree()
    {
        var patientId = Scenarios.PatientId("Bundle-scenario-grade-0.json");
        await using var app = await BedsideAppPage.EhrLaunchAsync(host, fhir, patientId);
        await app.WaitUntilLoadedAsync();
        await Expect(app.GradeNow.Locator(".summary")).ToHaveTextAsync(StartsWith("ICANS grade 0"));
        var pointsBefore = await app.AssessmentPointsAsync();

        // ICE 6: orientation 3 of 4, naming 2 of 3, following commands; no writing, no attention.
        foreach (var id in new[] { "ice-orientation-1", "ice-orientation-2", "ice-orientation-3", "ice-naming-1", "ice-naming-2", "ice-commands-1" })
        {
            await app.TickAsync(id);
        }

        await Expect(app.Page.Locator("#cognitive-total")).ToHaveTextAsync(StartsWith("ICE 6/10"));
        await app.ChooseAsync("seizure-finding-seizure-resolved-rapidly");
        await Expect(app.GradeWithEntry).ToHaveTextAsync(StartsWith("ICANS grade 3"));
        await app.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Screenshot(app, "bedside-app-entry.png");

        await app.SaveAsync();
        await Expect(app.SaveResult).ToHaveTextAsync(new Regex(@"^Saved and read back Observation/\S+, Observation/\S+\. Before saving: grade 0; after: grade 3\.$"));
        await Expect(app.GradeNow.Locator(".summary")).ToHaveTextAsync(StartsWith("ICANS grade 3"));
        Assert.Equal(pointsBefore + 1, await app.AssessmentPointsAsync());
        await Expect(app.CourseTable.Locator("tbody tr").Filter(new() { HasText = "Assessment" }).Last).ToContainTextAsync("6");

        // Read back from the FHIR server: exactly the contract's shape, performed by the signed-in user.
        var token = await fhir.MintTokenAsync(patientId, "patient/Observation.rs");
        var ice = Assert.Single(await SearchAsync(token, $"Observation?patient={patientId}&code={ObservationSystem}|ice-total"), IsNurses);
        Assert.Equal(6, (int)ice["valueInteger"]!);
        Assert.Equal(
            ["ice-orientation:3", "ice-naming:2", "ice-commands:1", "ice-writing:0", "ice-attention:0"],
            ice["component"]!.AsArray().Select(c => $"{c!["code"]!["coding"]![0]!["code"]}:{c["valueInteger"]}"));
        Assert.Equal($"Patient/{patientId}", (string)ice["subject"]!["reference"]!);
        var seizure = Assert.Single(await SearchAsync(token, $"Observation?patient={patientId}&code={ObservationSystem}|seizure"), IsNurses);
        Assert.Equal("seizure-resolved-rapidly", (string)seizure["valueCodeableConcept"]!["coding"]![0]!["code"]!);
        Assert.Equal((string)ice["effectiveDateTime"]!, (string)seizure["effectiveDateTime"]!);

        // The card the EHR shows for the same chart says the same.
        var card = await GradingCardAsync(patientId);
        Assert.Equal(await app.GradeNow.Locator(".summary").TextContentAsync(), (string)card!["summary"]!);
        await app.Page.Locator("#course").ScrollIntoViewIfNeededAsync();
        await Screenshot(app, "bedside-app-course.png", "#course");

        // Recording the grade writes the icans-grade Observation the card would have suggested.
        await app.Page.Locator("#record-grade").ClickAsync();
        await Expect(app.SaveResult).ToHaveTextAsync(new Regex(@"^Recorded ICANS grade 3 as Observation/\S+\.$"));
        var recorded = Assert.Single(await SearchAsync(token, $"Observation?patient={patientId}&code={ObservationSystem}|icans-grade"), IsNurses);
        Assert.Equal(3, (int)recorded["valueInteger"]!);
        Assert.Contains(recorded["derivedFrom"]!.AsArray(), d => (string)d!["reference"]! == $"Observation/{seizure["id"]}");
    }

    [Fact]
    public async Task EhrLaunch_Child_UsesCapd_AndAnImprovingCapdIsBelieved()
    {
        var patientId = Scenarios.PatientId("Bundle-scenario-child-capd.json");
        await using var app = await BedsideAppPage.EhrLaunchAsync(host, fhir, patientId);
        await app.WaitUntilLoadedAsync();
        await Expect(app.GradeNow.Locator(".summary")).ToHaveTextAsync(StartsWith("ICANS grade 3"));
        await Expect(app.Page.Locator("#domain-cognitive legend").First).ToContainTextAsync("CAPD");
        Assert.False(await app.Page.Locator("#ice-items").IsVisibleAsync());

        // Items 1-4 "Always" (reverse scored: 0), items 5-8 "Rarely" (1 each): CAPD 4.
        for (var item = 1; item <= 8; item++)
        {
            await app.ChooseAsync($"capd-{item}-{(item <= 4 ? 4 : 1)}");
        }

        await Expect(app.Page.Locator("#cognitive-total")).ToHaveTextAsync("CAPD 4/32");
        await app.ChooseAsync("consciousness-finding-awakens-spontaneously");
        await app.SaveAsync();
        await Expect(app.SaveResult).ToContainTextAsync("Before saving: grade 3; after: grade 1.");

        var token = await fhir.MintTokenAsync(patientId, "patient/Observation.rs");
        var capd = Assert.Single(await SearchAsync(token, $"Observation?patient={patientId}&code={ObservationSystem}|capd-total"), IsNurses);
        Assert.Equal(4, (int)capd["valueInteger"]!);
        Assert.Null(capd["component"]);
    }

    [Fact]
    public async Task RefusedWriteScope_ShowsTheGrade_AndSavesNothing()
    {
        await fhir.ConfigureAsync(new JsonObject { ["denyScopes"] = new JsonArray("patient/Observation.c") });
        var patientId = Scenarios.PatientId("Bundle-scenario-grade-2.json");
        await using var app = await BedsideAppPage.EhrLaunchAsync(host, fhir, patientId);
        await app.WaitUntilLoadedAsync();

        await Expect(app.GradeNow.Locator(".summary")).ToHaveTextAsync(StartsWith("ICANS grade 2"));
        await Expect(app.Page.Locator("#app-notice")).ToContainTextAsync("read access only");
        await Expect(app.Page.Locator("#save")).ToBeDisabledAsync();
        await Expect(app.Page.Locator("#record-grade")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task ExpiredToken_SaySoAndSaveNothing()
    {
        var patientId = Scenarios.PatientId("Bundle-scenario-grade-2.json");
        await using var app = await BedsideAppPage.EhrLaunchAsync(host, fhir, patientId);
        await app.WaitUntilLoadedAsync();
        await app.ChooseAsync("motor-finding-hemiparesis");
        await fhir.ExpireTokensAsync();

        await app.SaveAsync();
        await Expect(app.SaveResult).ToHaveTextAsync("Not saved: Your EHR session has expired. Relaunch the app from the patient's chart; nothing was saved.");
        var token = await fhir.MintTokenAsync(patientId, "patient/Observation.rs");
        Assert.DoesNotContain(await SearchAsync(token, $"Observation?patient={patientId}&code={ObservationSystem}|motor"), IsNurses);
    }

    [Fact]
    public async Task KeyboardOnly_EntryAndSave()
    {
        var patientId = Scenarios.PatientId("Bundle-scenario-grade-1.json");
        await using var app = await BedsideAppPage.EhrLaunchAsync(host, fhir, patientId);
        await app.WaitUntilLoadedAsync();
        var keyboard = app.Page.Keyboard;

        // The card's appContext opens the entry: focus is on its first control, "Scored now".
        await Expect(app.Page.Locator("#cognitive-status-scored")).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        // Orientation 4, naming 3, commands 1, writing 1; attention left unticked: ICE 9.
        for (var point = 0; point < 9; point++)
        {
            await keyboard.PressAsync("Tab");
            await keyboard.PressAsync("Space");
        }

        await Expect(app.Page.Locator("#cognitive-total")).ToHaveTextAsync(StartsWith("ICE 9/10"));
        // On past attention and "explained by another cause" to the consciousness choices: "Alert" is the next one down.
        await TabToAsync(app, "consciousness-finding-none");
        await keyboard.PressAsync("ArrowDown");
        await Expect(app.Page.Locator("#consciousness-finding-alert")).ToBeCheckedAsync();
        await TabToAsync(app, "save");
        await keyboard.PressAsync("Enter");
        await Expect(app.SaveResult).ToContainTextAsync("after: grade 1.");
        var token = await fhir.MintTokenAsync(patientId, "patient/Observation.rs");
        var ice = Assert.Single(await SearchAsync(token, $"Observation?patient={patientId}&code={ObservationSystem}|ice-total"), IsNurses);
        Assert.Equal(9, (int)ice["valueInteger"]!);
    }

    [Fact]
    public async Task StandaloneLaunch_TheServerPicksThePatient_AndTheAppGradesTheirChart()
    {
        await using var app = await BedsideAppPage.StandaloneLaunchAsync(host, fhir);
        await app.WaitUntilLoadedAsync();

        await Expect(app.GradeNow.Locator(".summary")).ToHaveTextAsync(StartsWith("ICANS grade 1"));
    }

    public static TheoryData<string> ScenarioFiles() => Scenarios.Files();

    /// <summary>
    /// Opened from the card's smart link, the app shows the patient-view card's grade for the same chart, read from the
    /// same server; a patient without a grading card gets an app that says there is no grading.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public async Task CardLink_OpensTheApp_WithTheCardsGrade(string file)
    {
        var patientId = Scenarios.PatientId(file);
        var card = await GradingCardAsync(patientId);
        if (card is null)
        {
            await using var unlinked = await BedsideAppPage.EhrLaunchAsync(host, fhir, patientId, view: "course");
            await unlinked.WaitUntilLoadedAsync();
            await Expect(unlinked.GradeNow.Locator(".summary")).ToHaveTextAsync(StartsWith("No ICANS grading"));
            await Expect(unlinked.GradeNow).ToHaveAttributeAsync("data-status", "no-card");
            return;
        }

        var grading = card["extension"]!["org.cdshooks-icans.grading"]!;
        var link = Assert.Single(card["links"]!.AsArray(), l => (string)l!["type"]! == "smart")!;
        var url = new Uri((string)link["url"]!);
        Assert.Equal(("/app/launch.html", host.BaseUrl.Port), (url.AbsolutePath, url.Port));
        Assert.Equal((string)grading["status"]! == "graded" ? """{"view":"course"}""" : """{"view":"entry"}""", (string)link["appContext"]!);

        await using var app = await BedsideAppPage.CardLinkLaunchAsync(host, fhir, patientId, url.AbsolutePath.TrimStart('/'), (string)link["appContext"]!);
        await app.WaitUntilLoadedAsync();
        await Expect(app.GradeNow.Locator(".summary")).ToHaveTextAsync((string)card["summary"]!);
        await Expect(app.GradeNow).ToHaveAttributeAsync("data-status", (string)grading["status"]!);
        await Expect(app.GradeNow).ToHaveAttributeAsync("data-grade", grading["grade"]?.ToString() ?? "");
        // The card's appContext chose what opens: the course for a grade, the entry for an incomplete assessment.
        await Expect(app.Page.Locator((string)grading["status"]! == "graded" ? "#course-title" : "#cognitive-status-scored")).ToBeFocusedAsync();
    }

    /// <summary>Presses Tab until the element is focused, as a keyboard user moves on; fails if it is never reached.</summary>
    private static async Task TabToAsync(BedsideAppPage app, string id)
    {
        for (var tabs = 0; tabs < 60; tabs++)
        {
            if (await app.Page.EvaluateAsync<string>("document.activeElement.id") == id)
            {
                return;
            }

            await app.Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached #{id}");
    }

    /// <summary>patient-view for the patient, with the prefetch an EHR would build from the same FHIR server.</summary>
    private async Task<JsonObject?> GradingCardAsync(string patientId)
    {
        using var client = host.Service.CreateClient();
        var token = await fhir.MintTokenAsync(patientId, "patient/*.rs");
        var prefetch = await HookCalls.RunTemplatesAsync(fhir.BaseUrl, await HookCalls.DiscoveredPrefetchAsync(client), patientId, token.AccessToken);
        using var response = await client.PostAsJsonAsync(HookCalls.PatientViewPath, HookCalls.PatientView(patientId, fhirServer: null, prefetch));
        response.EnsureSuccessStatusCode();
        var cards = (await response.Content.ReadFromJsonAsync<JsonObject>())!["cards"]!.AsArray();
        return cards.Select(c => c!.AsObject()).SingleOrDefault(c => ((string)c["summary"]!).StartsWith("ICANS grade", StringComparison.Ordinal));
    }

    private async Task<List<JsonObject>> SearchAsync(SmartToken token, string search)
    {
        using var response = await fhir.FhirAsync(HttpMethod.Get, search, token.AccessToken);
        response.EnsureSuccessStatusCode();
        var bundle = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. (bundle["entry"]?.AsArray() ?? []).Select(e => e!["resource"]!.AsObject())];
    }

    /// <summary>Written by the app: performed by the launch's user (the scenario charts name no performer).</summary>
    private static bool IsNurses(JsonObject observation) =>
        (string?)observation["performer"]?[0]?["reference"] == SmartFhirServer.DefaultFhirUser;

    private static async Task Screenshot(BedsideAppPage app, string name, string? selector = null)
    {
        // BEDSIDE_SCREENSHOTS=docs/images refreshes the README's pictures; otherwise they go beside the test output.
        var folder = Environment.GetEnvironmentVariable("BEDSIDE_SCREENSHOTS") is { Length: > 0 } chosen ? chosen : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var bytes = selector is null
            ? await app.Page.ScreenshotAsync(new() { Path = path, FullPage = false })
            : await app.Page.Locator(selector).ScreenshotAsync(new() { Path = path });
        Assert.True(bytes.Length > 10_000, $"{name} is {bytes.Length} bytes: the page did not render");
    }

    private static Regex StartsWith(string text) => new("^" + Regex.Escape(text));
}
