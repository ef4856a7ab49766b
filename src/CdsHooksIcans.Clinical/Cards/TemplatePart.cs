namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A piece of a text template: constant text, or the name of a placeholder.</summary>
internal readonly record struct TemplatePart(string Text, bool IsPlaceholder);
