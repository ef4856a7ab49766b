using CdsHooksIcans.IntegrationTests.Infrastructure;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CdsHooksIcans.IntegrationTests.BedsideApp;

/// <summary>
/// The service serving the built bedside app on a real loopback port, and Chromium to open it. The service's wall clock
/// reads scenario time (the scenario charts are written around <see cref="Scenarios.ReferenceTime"/>), and each page's
/// clock is set to the same time, so an assessment entered in the browser is "now" for the grading engine too.
/// </summary>
public sealed class BedsideAppHost : IAsyncLifetime
{
    public ShiftedClock Clock { get; } = new(Scenarios.ReferenceTime);

    public CdsServiceFactory Service { get; private set; } = null!;

    public Chromium Chromium { get; } = new();

    /// <summary>The service's base URL, for example http://127.0.0.1:40123/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = new CdsServiceFactory()
            .WithKestrel()
            .WithSetting("CdsHooks:Fhir:HookDeadline", "00:00:20")
            .WithSetting("CdsHooks:Fhir:AttemptTimeout", "00:00:10")
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock));
        Service.StartServer();
        var address = Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal)), "/");
        await Chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Service.DisposeAsync();
    }
}
