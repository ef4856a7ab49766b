namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A card link as content writes it.</summary>
/// <param name="Label">The link's label; may use the kind's text placeholders.</param>
/// <param name="Url">An absolute http(s) URL, or for a <c>smart</c> link one of the service's own apps (<see cref="AppLinks"/>), which the host resolves.</param>
/// <param name="Type"><c>absolute</c> or <c>smart</c>.</param>
/// <param name="AppContext">For a <c>smart</c> link, the fixed string the EHR hands the app at launch; never patient data.</param>
public sealed record LinkContent(string Label, string Url, string Type, string? AppContext = null);
