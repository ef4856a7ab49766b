using System.Net;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>Registers prefetch resolution and the resilient FHIR client used when prefetch is missing.</summary>
public static class GatheringServiceCollectionExtensions
{
    public static IServiceCollection AddClinicalDataGathering(this IServiceCollection services)
    {
        services.AddValidatedOptions<FhirAccessOptions, FhirAccessOptionsValidator>(FhirAccessOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddCdsTelemetryInstruments();
        services.AddTransient<FhirAttemptTelemetryHandler>();
        // Polly logs every attempt and retry at Warning with the exception's stack trace; FhirAttemptTelemetryHandler
        // writes one line per failed attempt instead, and FhirResiliencePipeline one per opened circuit.
        services.ConfigureAll<TelemetryOptions>(telemetry => telemetry.SeverityProvider = static args => args.Event.EventName switch
        {
            "ExecutionAttempt" or "OnRetry" or "OnTimeout" or "OnCircuitOpened" => ResilienceEventSeverity.None,
            _ => args.Event.Severity,
        });
        services.AddTransient<FhirResponseBufferingHandler>();

        var fhirHttp = services
            .AddHttpClient(FhirSession.HttpClientName, (provider, client) =>
            {
                var limits = provider.GetRequiredService<IOptions<FhirAccessOptions>>().Value;
                client.MaxResponseContentBufferSize = limits.MaxResponseBytes;
                // The hook deadline bounds every call; HttpClient's own 100 s default would only hide it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would carry the token to a URL nobody checked.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            })
            // The default HttpClient logs write full URLs, and FHIR search URLs carry patient ids.
            .RemoveAllLoggers();

        fhirHttp
            .AddResilienceHandler("fhir", (pipeline, context) => FhirResiliencePipeline.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<FhirAccessOptions>>().Value,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirResiliencePipeline)),
                context.InstanceName))
            .SelectPipelineByAuthority();
        // Inside the resilience handler: each attempt is traced and counted, and each attempt's body is read under its timeout.
        fhirHttp
            .AddHttpMessageHandler<FhirAttemptTelemetryHandler>()
            .AddHttpMessageHandler<FhirResponseBufferingHandler>();

        services.AddSingleton<ClinicalDataGatherer>();
        return services;
    }
}
