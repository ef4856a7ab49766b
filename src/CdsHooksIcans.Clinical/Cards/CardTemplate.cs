namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// One card as clinicians write it in <c>cards/</c>: text with named placeholders (<c>{grade}</c>), the guideline it
/// comes from, and suggestions that carry complete FHIR resource templates. Loaded and validated once at start-up.
/// </summary>
/// <remarks>
/// <see cref="Guidelines"/> are ids of <c>cards/data/citations.json</c> (the short citation the text uses, such as
/// <c>ASCO 2021</c>). <see cref="Source"/> is null only for a management section, which its card's source covers.
/// </remarks>
public sealed record CardTemplate(
    string Id,
    string File,
    CardApplicability AppliesTo,
    string Summary,
    string? Detail,
    IndicatorRule Indicator,
    SourceContent? Source,
    IReadOnlyList<SuggestionTemplate> Suggestions,
    string? SelectionBehavior,
    IReadOnlyList<LinkContent> Links,
    IReadOnlyList<CodingContent> OverrideReasons,
    IReadOnlyList<string> Guidelines);
