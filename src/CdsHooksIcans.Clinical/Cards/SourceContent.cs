namespace CdsHooksIcans.Clinical.Cards;

public sealed record SourceContent(string Label, string? Url, CodingContent? Topic);
