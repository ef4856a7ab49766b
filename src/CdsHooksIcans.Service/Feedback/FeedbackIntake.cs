using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Telemetry;
using Microsoft.Extensions.Options;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Takes feedback only on cards this service issued within the retention period, so every stored row says which card
/// and grade a clinician accepted or overrode, and a client cannot fill the database with made-up card ids.
/// </summary>
public sealed class FeedbackIntake(
    IFeedbackStore store, IssuedCardRecorder recorder, IOptions<FeedbackOptions> options, TimeProvider time, CdsTelemetry telemetry)
{
    // A card this instance answered with a moment ago may still be in the recorder's queue.
    private static readonly TimeSpan FlushWait = TimeSpan.FromSeconds(1);

    /// <exception cref="CdsRequestException">404 naming each item whose card was not issued (nothing is stored then).</exception>
    public async Task<FeedbackReceipt> ReceiveAsync(string serviceId, IReadOnlyList<FeedbackItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        try
        {
            var receipt = await StoreAsync(serviceId, items, cancellationToken);
            telemetry.FeedbackReceived(serviceId, "stored", receipt.Stored);
            telemetry.FeedbackReceived(serviceId, "duplicate", receipt.Received - receipt.Stored);
            return receipt;
        }
        catch (DependencyUnavailableException)
        {
            telemetry.FeedbackReceived(serviceId, "unavailable", items.Count);
            throw;
        }
    }

    private async Task<FeedbackReceipt> StoreAsync(string serviceId, IReadOnlyList<FeedbackItem> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var retention = options.Value.IssuedCardRetention;
        var uuids = items.Select(i => i.CardUuid).ToHashSet(StringComparer.Ordinal);
        var issued = await store.FindIssuedAsync(serviceId, uuids, now - retention, cancellationToken);
        if (issued.Count < uuids.Count && await recorder.FlushAsync(FlushWait, cancellationToken))
        {
            issued = await store.FindIssuedAsync(serviceId, uuids, now - retention, cancellationToken);
        }

        var issues = new RequestIssues();
        for (var index = 0; index < items.Count; index++)
        {
            if (!issued.ContainsKey(items[index].CardUuid))
            {
                issues.Add(OperationOutcome.IssueType.NotFound, $"feedback[{index}].card",
                    $"feedback[{index}].card is not a card this service issued in the last {retention.TotalDays:0.##} days.");
            }
        }

        if (issued.Count < uuids.Count)
        {
            telemetry.FeedbackReceived(serviceId, "unknown_card", items.Count(i => !issued.ContainsKey(i.CardUuid)));
        }

        issues.ThrowIfAny(StatusCodes.Status404NotFound);
        var stored = await store.SaveAsync([.. items.Select(i => new CardFeedback(i, issued[i.CardUuid]))], now, cancellationToken);
        return new FeedbackReceipt(items.Count, stored);
    }
}
