namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>How a validator refuses a card: the exception names the card's file, its id and the field at fault.</summary>
internal static class CardRejection
{
    public static CardContentException Invalid(this CardTemplate card, string field, string problem) =>
        new(card.File, card.Id, field, problem);
}
