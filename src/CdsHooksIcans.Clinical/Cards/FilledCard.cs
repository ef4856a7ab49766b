namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A card filled for one patient, ready to become a CDS Hooks card.</summary>
public sealed record FilledCard(
    string TemplateId,
    string Uuid,
    string Summary,
    string? Detail,
    string Indicator,
    SourceContent Source,
    IReadOnlyList<FilledSuggestion> Suggestions,
    string? SelectionBehavior,
    IReadOnlyList<LinkContent> Links,
    IReadOnlyList<CodingContent> OverrideReasons);
