using CdsHooksIcans.Service.Feedback;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Controllers;

/// <summary>Card feedback: validated, taken only for cards the service issued, stored once however often the client repeats it.</summary>
[Route("cds-services/{id}/feedback")]
public sealed class FeedbackController(
    ServiceCatalog catalog,
    IOptions<CdsProtocolOptions> protocol,
    IOptions<FeedbackOptions> feedback,
    CdsTelemetry telemetry,
    ILogger<FeedbackController> logger)
    : ControllerBase
{
    [HttpPost("")]
    public async Task<IActionResult> Post(string id, [FromServices] FeedbackIntake intake, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is null)
        {
            throw CdsRequestException.UnknownService();
        }

        IReadOnlyList<FeedbackItem> items;
        try
        {
            using var body = await JsonRequestBody.ReadAsync(Request, protocol.Value.MaxRequestBytes, cancellationToken);
            items = FeedbackParser.Parse(id, body.RootElement, feedback.Value.MaxItemsPerRequest);
        }
        catch (CdsRequestException)
        {
            telemetry.FeedbackReceived(id, "invalid", 1);
            throw;
        }

        var receipt = await intake.ReceiveAsync(id, items, cancellationToken);
        ProtocolLog.FeedbackStored(logger, receipt.Received, receipt.Stored);
        return new JsonResult(receipt, CdsJson.Options);
    }
}
