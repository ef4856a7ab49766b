namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A suggestion; <paramref name="Pediatric"/>, when set, offers it only to children (true) or only to adults (false).</summary>
public sealed record SuggestionTemplate(string Label, bool IsRecommended, IReadOnlyList<ActionTemplate> Actions, bool? Pediatric = null);
