using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Terminology;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// The clinical content, loaded and validated once at start-up: terminology from fhir-profiles/ and cards from cards/.
/// Invalid content throws here and the host does not start.
/// </summary>
public sealed class IcansContent(IcansTerminology terminology, CardLibrary cards)
{
    public IcansTerminology Terminology { get; } = terminology;

    public CardLibrary Cards { get; } = cards;

    /// <summary>The placeholders each card kind offers; the card library validates content against them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> CardKinds { get; } =
        new Dictionary<string, IReadOnlyList<PlaceholderSpec>>(StringComparer.Ordinal)
        {
            [GradingCard.Kind] = GradingCard.PlaceholderSpecs,
        };

    public static IcansContent Load(IOptions<ContentOptions> options, ILogger<IcansContent> logger)
    {
        var paths = options.Value.TerminologyPaths.Select(ContentOptions.Resolve).ToList();
        var terminology = IcansTerminology.Load(paths);
        var cards = CardLibrary.Load(ContentOptions.Resolve(options.Value.CardsPath), CardKinds);
        logger.LogInformation("Loaded terminology from {TerminologyPaths} and {CardCount} cards", paths, cards.Templates.Count);
        return new IcansContent(terminology, cards);
    }
}
