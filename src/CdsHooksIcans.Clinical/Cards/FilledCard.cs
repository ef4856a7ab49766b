namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A card filled for one patient, ready to become a CDS Hooks card.</summary>
/// <remarks><see cref="TemplateId"/>, <see cref="Kind"/> and <see cref="Grade"/> say which card this was, for feedback analysis.</remarks>
public sealed record FilledCard(
    string TemplateId,
    string Kind,
    int? Grade,
    string Uuid,
    string Summary,
    string? Detail,
    string Indicator,
    SourceContent Source,
    IReadOnlyList<FilledSuggestion> Suggestions,
    string? SelectionBehavior,
    IReadOnlyList<LinkContent> Links,
    IReadOnlyList<CodingContent> OverrideReasons);
