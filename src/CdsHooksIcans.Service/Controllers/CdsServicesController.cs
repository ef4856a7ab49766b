using CdsHooksIcans.Service.Feedback;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Hosting;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Security;
using CdsHooksIcans.Service.SmartApp;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Controllers;

/// <summary>CDS Hooks discovery and service calls. Failures are exceptions, answered by <see cref="CdsExceptionHandler"/>.</summary>
[Route("cds-services")]
public sealed class CdsServicesController(
    ServiceCatalog catalog, IOptions<CdsProtocolOptions> options, IOptions<BedsideAppOptions> app, FhirServerPolicy fhirServers, IssuedCardRecorder issuedCards) : ControllerBase
{
    [HttpGet("")]
    public IActionResult Discover() => new JsonResult(DiscoveryResponse.From(catalog.Services), CdsJson.Options);

    [HttpPost("{id}")]
    public async Task<IActionResult> Call(string id, CancellationToken cancellationToken)
    {
        var handler = catalog.Find(id) ?? throw CdsRequestException.UnknownService();

        // The body lives until the handler is done: the request's prefetch is read from it, not copied.
        using var body = await JsonRequestBody.ReadAsync(Request, options.Value.MaxRequestBytes, cancellationToken);
        var request = HookRequestParser.Parse(handler.Definition, body.RootElement) with
        {
            ReceivedTimestamp = HttpContext.Features.Get<RequestArrival>()?.Timestamp,
            Apps = AppLaunch.For(Request, app.Value),
        };
        fhirServers.EnsureAllowed(User, request.FhirServer);
        HttpContext.Features.Get<HookCallScope>()?.HookInstance = request.HookInstance;
        var response = await handler.HandleAsync(request, cancellationToken);
        // Feedback is taken only on cards recorded here (queued: the answer does not wait for the database).
        issuedCards.Record(id, response.Cards);
        return new JsonResult(response, CdsJson.Options);
    }
}
