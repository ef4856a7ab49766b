namespace CdsHooksIcans.Clinical.Cards;

public sealed record LinkContent(string Label, string Url, string Type);
