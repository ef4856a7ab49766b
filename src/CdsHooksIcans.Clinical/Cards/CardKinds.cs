namespace CdsHooksIcans.Clinical.Cards;

/// <summary>Every card kind the service renders, with the placeholders each offers; the card library validates content against them.</summary>
public static class CardKinds
{
    public static IReadOnlyDictionary<string, IReadOnlyList<PlaceholderSpec>> All { get; } =
        new Dictionary<string, IReadOnlyList<PlaceholderSpec>>(StringComparer.Ordinal)
        {
            [GradingCard.Kind] = GradingCard.PlaceholderSpecs,
            [ManagementCards.ManagementKind] = ManagementCards.HostPlaceholders,
            [ManagementCards.LateWatchKind] = ManagementCards.HostPlaceholders,
            [ManagementCards.SectionKind] = ManagementCards.PatientViewPlaceholders,
            [ManagementCards.ResearchKind] = ManagementCards.PatientViewPlaceholders,
            [OrderCheckCards.Kind] = OrderCheckCards.Placeholders,
            [LateNeurotoxicityCard.Kind] = LateNeurotoxicityCard.PlaceholderSpecs,
        };
}
