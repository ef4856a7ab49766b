namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>Links are absolute or SMART links to fixed URLs: patient data never reaches a URL.</summary>
internal static class LinkValidator
{
    private static readonly HashSet<string> LinkTypes = ["absolute", "smart"];

    public static void Check(CardTemplate card)
    {
        for (var i = 0; i < card.Links.Count; i++)
        {
            var link = card.Links[i];
            ContentUrl.CheckAbsolute(card, $"links[{i}].url", link.Url);
            if (Placeholders.NamesIn(link.Url).Any())
            {
                throw card.Invalid($"links[{i}].url", "link URLs come only from content, never from patient data");
            }

            if (!LinkTypes.Contains(link.Type))
            {
                throw card.Invalid($"links[{i}].type", $"'{link.Type}' is not absolute or smart");
            }
        }
    }
}
