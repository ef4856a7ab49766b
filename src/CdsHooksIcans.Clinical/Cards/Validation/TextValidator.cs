namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>Summary and detail use only the kind's placeholders, and the summary fits CDS Hooks' limit once filled.</summary>
internal static class TextValidator
{
    public static void Check(CardTemplate card, PlaceholderValidator placeholders)
    {
        placeholders.Check("summary", card.Summary);
        var longest = placeholders.FillLongest(card.Summary);
        if (string.IsNullOrWhiteSpace(card.Summary) || longest.Length > CardLibrary.MaxSummaryLength)
        {
            throw card.Invalid("summary", $"must be 1-{CardLibrary.MaxSummaryLength} characters once filled with the longest values; it can reach {longest.Length}: \"{longest}\"");
        }

        placeholders.Check("detail", card.Detail);
    }
}
