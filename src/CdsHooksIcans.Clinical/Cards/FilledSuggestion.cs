namespace CdsHooksIcans.Clinical.Cards;

public sealed record FilledSuggestion(string Uuid, string Label, bool IsRecommended, IReadOnlyList<FilledAction> Actions);
