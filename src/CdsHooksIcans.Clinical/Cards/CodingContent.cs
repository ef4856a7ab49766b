namespace CdsHooksIcans.Clinical.Cards;

public sealed record CodingContent(string System, string Code, string? Display);
