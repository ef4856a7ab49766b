namespace CdsHooksIcans.Service.Telemetry;

/// <summary>
/// Telemetry settings (section <c>CdsHooks:Telemetry</c>). OTLP export needs no setting here: it is on when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and its other <c>OTEL_*</c> variables apply as usual.
/// </summary>
public sealed class CdsTelemetryOptions
{
    public const string Section = "CdsHooks:Telemetry";

    /// <summary>
    /// The path of a Prometheus scrape endpoint for the service's metrics, e.g. <c>/metrics</c>; null (the default) serves
    /// none (an empty value too). Anonymous, like the health endpoints: expose it to the monitoring network only.
    /// </summary>
    public string? PrometheusScrapeEndpoint { get; set; }
}
