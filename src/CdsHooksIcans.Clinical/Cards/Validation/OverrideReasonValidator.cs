namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>Every override reason has a display: it is what the clinician picks from.</summary>
internal static class OverrideReasonValidator
{
    public static void Check(CardTemplate card)
    {
        for (var i = 0; i < card.OverrideReasons.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(card.OverrideReasons[i].Display))
            {
                throw card.Invalid($"overrideReasons[{i}].display", "every override reason needs a display");
            }
        }
    }
}
