using CdsHooksIcans.Service.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CdsHooksIcans.Service.Telemetry;

/// <summary>
/// Registers the service's instruments (<see cref="CdsTelemetry"/>) and, only when asked for, OpenTelemetry's SDK with its
/// exporters: OTLP when <see cref="OtlpEndpointVariable"/> is set, Prometheus when <see cref="CdsTelemetryOptions.PrometheusScrapeEndpoint"/>
/// is. Without either no provider is built, nothing listens, and recording costs a flag check (docs/adr/0024).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard OpenTelemetry variable that turns OTLP export of traces and metrics on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> resource attribute unless <c>OTEL_SERVICE_NAME</c> names another.</summary>
    public const string ServiceName = "cds-hooks-icans";

    /// <summary>The instruments alone: what each area's registration calls, so it records with or without an SDK.</summary>
    public static IServiceCollection AddCdsTelemetryInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<CdsTelemetry>();
        return services;
    }

    /// <param name="services">The service collection.</param>
    /// <param name="configuration">Read now: whether an exporter is wanted decides whether the SDK is registered at all.</param>
    public static IServiceCollection AddCdsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCdsTelemetryInstruments();
        services.AddValidatedOptions<CdsTelemetryOptions, CdsTelemetryOptionsValidator>(CdsTelemetryOptions.Section);
        // Any provider that gets built (the exporters below, a test's in-memory exporter) listens to the service's source and meter.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(CdsTelemetry.Name));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(CdsTelemetry.Name));

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var prometheus = !string.IsNullOrEmpty(configuration[CdsTelemetryOptions.Section + ":" + nameof(CdsTelemetryOptions.PrometheusScrapeEndpoint)]);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(ServiceName));
        }

        if (otlp)
        {
            // Endpoint, protocol, headers and intervals come from the standard OTEL_EXPORTER_OTLP_* variables.
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        if (prometheus)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when <see cref="CdsTelemetryOptions.PrometheusScrapeEndpoint"/> names one.</summary>
    public static WebApplication MapCdsTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<CdsTelemetryOptions>>().Value.PrometheusScrapeEndpoint is { Length: > 0 } path)
        {
            app.MapPrometheusScrapingEndpoint(path);
        }

        return app;
    }
}
