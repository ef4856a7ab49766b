namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>Every card but a management section names its source, with an absolute URL and a label of known placeholders.</summary>
internal static class SourceValidator
{
    public static void Check(CardTemplate card, PlaceholderValidator placeholders)
    {
        // A section's source is that of the card including it (SectionValidator).
        if (card.AppliesTo.Kind == ManagementCards.SectionKind)
        {
            return;
        }

        if (card.Source is null)
        {
            throw card.Invalid("source", "is required and must be an object");
        }

        ContentUrl.CheckAbsolute(card, "source.url", card.Source.Url);
        placeholders.Check("source.label", card.Source.Label);
    }
}
