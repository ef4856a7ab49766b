using CdsHooksIcans.Service.Feedback;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Controllers;

/// <summary>Card feedback: validated, stored once however often the client repeats it.</summary>
[Route("cds-services/{id}/feedback")]
public sealed class FeedbackController(
    ServiceCatalog catalog, IFeedbackStore store, TimeProvider time, IOptions<CdsProtocolOptions> options, ILogger<FeedbackController> logger)
    : ControllerBase
{
    [HttpPost("")]
    public async Task<IActionResult> Post(string id, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is null)
        {
            throw CdsRequestException.UnknownService();
        }

        IReadOnlyList<FeedbackItem> items;
        using (var body = await JsonRequestBody.ReadAsync(Request, options.Value.MaxRequestBytes, cancellationToken))
        {
            items = FeedbackParser.Parse(id, body.RootElement);
        }

        var stored = await store.SaveAsync(items, time.GetUtcNow(), cancellationToken);
        ProtocolLog.FeedbackStored(logger, items.Count, stored);
        return new JsonResult(new FeedbackReceipt(items.Count, stored), CdsJson.Options);
    }
}
