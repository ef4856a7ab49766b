namespace CdsHooksIcans.Service.Gathering;

/// <summary>Warms the FHIR serializer while the host starts, so the first hook call does not time out on it.</summary>
internal sealed class FhirWarmupService : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        FhirJson.WarmUp();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
