namespace CdsHooksIcans.Service.Feedback;

/// <summary>A card the service answered with: what feedback is checked against and analysed by. No patient data.</summary>
/// <param name="ServiceId">The CDS service that issued it.</param>
/// <param name="CardUuid">The card's uuid, as the client will send it back.</param>
/// <param name="TemplateId">The card in <c>cards/</c> it was made from.</param>
/// <param name="Kind">Its card kind.</param>
/// <param name="Grade">The ICANS grade it was filled for (lower bound when incomplete), if any.</param>
/// <param name="Status"><c>graded</c> or <c>incomplete</c>, if the card is about a grade.</param>
/// <param name="IssuedAt">When the service answered with it.</param>
public sealed record IssuedCard(
    string ServiceId, string CardUuid, string TemplateId, string Kind, int? Grade, string? Status, DateTimeOffset IssuedAt);
