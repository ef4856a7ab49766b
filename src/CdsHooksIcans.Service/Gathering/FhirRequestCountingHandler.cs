using CdsHooksIcans.Service.Hosting;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>Counts each HTTP attempt (it sits inside the resilience handler, so retries count and circuit-rejected calls do not).</summary>
internal sealed class FhirRequestCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        FhirRequestScope.Current?.CountRequest();
        HookCallScope.Current?.CountFhirRequest();
        return base.SendAsync(request, cancellationToken);
    }
}
