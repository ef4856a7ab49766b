namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A placeholder a card kind offers, with the longest value it can take (summary length is checked with it).</summary>
public sealed record PlaceholderSpec(string Name, PlaceholderKind Kind, string LongestValue, string SampleJson = "null");
