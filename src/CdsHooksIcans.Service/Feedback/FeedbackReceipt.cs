namespace CdsHooksIcans.Service.Feedback;

/// <summary>The answer to a feedback call.</summary>
/// <param name="Received">Items in the request.</param>
/// <param name="Stored">Items not seen before; a repeated item is acknowledged but stored once.</param>
public sealed record FeedbackReceipt(int Received, int Stored);
