using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hooks;

/// <summary>
/// The clinical content, loaded and validated once at start-up: terminology and clinical drugs from fhir-profiles/,
/// cards, their wording, the citation table, the corticosteroid dosing and the order rules from cards/. Invalid content
/// throws here and the host does not start.
/// </summary>
public sealed class IcansContent(
    IcansTerminology terminology, CardLibrary cards, CorticosteroidDosing dosing, CardWording wording, OrderReader orders, OrderRules rules)
{
    public IcansTerminology Terminology { get; } = terminology;

    public CardLibrary Cards { get; } = cards;

    /// <summary>The sentences cards are composed from (cards/data/wording.json).</summary>
    public CardWording Wording { get; } = wording;

    /// <summary>Corticosteroid regimens and thresholds by ICANS grade.</summary>
    public CorticosteroidDosing Dosing { get; } = dosing;

    /// <summary>Reads medication orders through the loaded ValueSets, clinical drugs and route table.</summary>
    public OrderReader Orders { get; } = orders;

    /// <summary>What the order checks weigh: corticosteroids by grade, prophylaxis coverage, safety ceilings.</summary>
    public OrderRules Rules { get; } = rules;

    /// <summary>The placeholders each card kind offers; the card library validates content against them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> CardKinds => Clinical.Cards.CardKinds.All;

    public static IcansContent Load(IOptions<ContentOptions> options, ILogger<IcansContent> logger)
    {
        var paths = options.Value.TerminologyPaths.Select(ContentOptions.Resolve).ToList();
        var cardsPath = ContentOptions.Resolve(options.Value.CardsPath);

        // Terminology and cards do not depend on each other: loaded side by side, start-up waits for the slower one.
        var loadingTerminology = Task.Run(() => IcansTerminology.Load(paths));
        var cards = CardLibrary.Load(cardsPath, CardKinds, CitationTable.Load(cardsPath));
        var wording = CardWording.Load(cardsPath);
        var terminology = loadingTerminology.GetAwaiter().GetResult();
        var orders = OrderReader.Load(terminology, cardsPath, options.Value.MedicationPaths.Select(ContentOptions.Resolve));
        var dosing = CorticosteroidDosing.Load(cardsPath, orders);
        var rules = OrderRulesContent.Load(cardsPath, dosing, terminology);
        logger.LogInformation("Loaded terminology from {TerminologyPaths} and {CardCount} cards", paths, cards.Templates.Count);
        return new IcansContent(terminology, cards, dosing, wording, orders, rules);
    }
}
