namespace CdsHooksIcans.Clinical.Cards;

/// <summary>What the grading card is built from, besides the assessment.</summary>
/// <param name="PatientId">context.patientId.</param>
/// <param name="Now">The time of grading.</param>
/// <param name="Unavailable">Optional data that could not be read (prefetch key and reason), shown on the card.</param>
public sealed record GradingContext(string PatientId, DateTimeOffset Now, IReadOnlyList<(string Key, string Reason)> Unavailable);
