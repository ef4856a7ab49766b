using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Reads the whole body inside the resilience pipeline, so a body that breaks off is retried like any transient failure,
/// a body that trickles in is cut by the attempt timeout, and one larger than the limit is refused before it fills memory.
/// </summary>
internal sealed class FhirResponseBufferingHandler(IOptions<FhirAccessOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(options.Value.MaxResponseBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
