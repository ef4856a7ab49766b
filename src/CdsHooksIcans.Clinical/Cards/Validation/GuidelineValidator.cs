namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>Every card names the guideline its content comes from (checked against the citation table on load).</summary>
internal static class GuidelineValidator
{
    public static void Check(CardTemplate card)
    {
        if (card.Guidelines.Count == 0)
        {
            throw card.Invalid("guidelines", "every card names the guideline its content comes from");
        }
    }
}
