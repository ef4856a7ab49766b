using System.Net;
using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>Registers prefetch resolution and the resilient FHIR client used when prefetch is missing.</summary>
public static class GatheringServiceCollectionExtensions
{
    public static IServiceCollection AddClinicalDataGathering(this IServiceCollection services)
    {
        services.AddValidatedOptions<FhirAccessOptions, FhirAccessOptionsValidator>(FhirAccessOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<FhirRequestCountingHandler>();
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
            .AddResilienceHandler("fhir", (pipeline, context) =>
                FhirResiliencePipeline.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<FhirAccessOptions>>().Value))
            .SelectPipelineByAuthority();
        // Inside the resilience handler: each attempt is counted, and each attempt's body is read under its timeout.
        fhirHttp
            .AddHttpMessageHandler<FhirRequestCountingHandler>()
            .AddHttpMessageHandler<FhirResponseBufferingHandler>();

        services.AddSingleton<ClinicalDataGatherer>();
        return services;
    }
}
