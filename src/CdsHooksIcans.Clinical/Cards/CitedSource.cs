namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A source card text may name, as listed in <c>cards/data/citations.json</c>.</summary>
/// <param name="Id">The short citation the text uses and a card's <c>guidelines</c> list names, for example <c>ASCO 2021</c>.</param>
/// <param name="AlsoCitedAs">Other short forms that cite the same source in text, for example <c>ASCO</c>.</param>
/// <param name="Kind">guideline, review, study, research or label.</param>
/// <param name="Reference">The full reference; null for a source cards may not cite.</param>
/// <param name="Url">Where the source is (doi.org or PMC); a card's <c>source.url</c> must be one of its sources' URLs.</param>
/// <param name="VerifiedFrom">What the statements cards take from it were checked against.</param>
/// <param name="NotCitable">Why cards may not present its text as a recommendation (its text is unverified); null when citable.</param>
public sealed record CitedSource(
    string Id,
    IReadOnlyList<string> AlsoCitedAs,
    string Kind,
    string? Reference,
    string? Url,
    string? VerifiedFrom,
    string? NotCitable)
{
    /// <summary>Every short form that cites this source, the id first.</summary>
    public IEnumerable<string> Forms => AlsoCitedAs.Prepend(Id);
}
