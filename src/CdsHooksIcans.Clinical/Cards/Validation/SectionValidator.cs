namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>
/// Management sections are text their card includes: a section carries no card-level parts and includes no
/// sections, and a card that hosts sections includes them exactly once.
/// </summary>
internal static class SectionValidator
{
    public static void Check(CardTemplate card)
    {
        if (card.AppliesTo.Kind == ManagementCards.SectionKind)
        {
            // The card that includes the section carries the source, override reasons and selection behaviour.
            if (card.Source is not null || card.OverrideReasons.Count > 0 || card.SelectionBehavior is not null)
            {
                throw card.Invalid(
                    card.Source is not null ? "source" : card.OverrideReasons.Count > 0 ? "overrideReasons" : "selectionBehavior",
                    "a management section uses the source, override reasons and selection behaviour of the card that includes it");
            }

            if (card.Detail?.Contains(ManagementCards.SectionsPlaceholder, StringComparison.Ordinal) == true)
            {
                throw card.Invalid("detail", "a section cannot include sections");
            }
        }

        if (ManagementCards.HostKinds.Contains(card.AppliesTo.Kind)
            && (card.Detail is null || card.Detail.Split(ManagementCards.SectionsPlaceholder).Length != 2))
        {
            throw card.Invalid("detail", $"a {card.AppliesTo.Kind} card includes its sections exactly once, with {ManagementCards.SectionsPlaceholder}");
        }
    }
}
