using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Service.Health;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.SmartApp;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>Registers the hook handlers, the clinical content (terminology, cards) and the service catalog.</summary>
public static class HooksServiceCollectionExtensions
{
    public static IServiceCollection AddIcansHooks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddCdsTelemetryInstruments();
        services.AddSingleton<IIdGenerator, RandomIdGenerator>();
        services.AddValidatedOptions<ContentOptions, ContentOptionsValidator>(ContentOptions.Section)
            .PostConfigure(content =>
            {
                if (content.TerminologyPaths.Count == 0)
                {
                    content.TerminologyPaths.Add(ContentOptions.DefaultTerminologyPath);
                }

                if (content.MedicationPaths.Count == 0)
                {
                    content.MedicationPaths.Add(ContentOptions.DefaultMedicationPath);
                }
            });
        services.AddValidatedOptions<GradingOptions, GradingOptionsValidator>(GradingOptionsValidator.Section);
        services.AddValidatedOptions<BedsideAppOptions, BedsideAppOptionsValidator>(BedsideAppOptions.Section);
        services.AddSingleton(sp => IcansContent.Load(sp.GetRequiredService<IOptions<ContentOptions>>(), sp.GetRequiredService<ILogger<IcansContent>>()));
        services.AddSingleton(sp => sp.GetRequiredService<IcansContent>().Terminology);
        services.AddSingleton<FindingsExtractor>();
        services.AddSingleton<ResourceScreen>();
        services.AddSingleton<PatientAssessor>();
        services.AddSingleton<IHookHandler, PatientViewHandler>();
        services.AddSingleton<IHookHandler, OrderSignHandler>();
        services.AddSingleton<ServiceCatalog>();
        services.AddSingleton<HookWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<HookWarmUp>());
        services.AddHealthChecks()
            .AddCheck<ContentHealthCheck>("clinical-content", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<HookWarmUp>("hook-warm-up", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>Loads and validates the content before the first request: invalid content stops start-up here.</summary>
    public static WebApplication UseIcansContent(this WebApplication app)
    {
        app.Services.GetRequiredService<IcansContent>();
        app.Services.GetRequiredService<ServiceCatalog>();
        return app;
    }
}
