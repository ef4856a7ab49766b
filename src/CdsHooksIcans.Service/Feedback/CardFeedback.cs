namespace CdsHooksIcans.Service.Feedback;

/// <summary>One feedback item together with the issued card it is about.</summary>
public sealed record CardFeedback(FeedbackItem Item, IssuedCard Card);
