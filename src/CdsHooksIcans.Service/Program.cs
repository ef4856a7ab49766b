using CdsHooksIcans.Service.Gathering;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Security;
using CdsHooksIcans.Service.SmartApp;
using CdsHooksIcans.Service.Telemetry;

// A start-up refused on configuration ends as one line per problem on stderr and exit code 1 (ServiceHost).
return ServiceHost.Run(args, static args =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Logging.AddBatchedConsole();

    builder.Services
        .AddTransportMemoryPool()
        .AddCdsProtocol()
        .AddClinicalDataGathering()
        .AddIcansHooks()
        .AddCdsSecurity()
        .AddCdsTelemetry(builder.Configuration);

    var app = builder.Build();
    app.UseIcansContent();
    app.UseBedsideApp();
    app.UseCdsProtocol();
    app.MapCdsTelemetry();
    return app;
});

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
