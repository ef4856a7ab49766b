namespace CdsHooksIcans.Clinical.Cards;

/// <summary>Advice to re-assess an attributed finding, chosen by words of its charted cause.</summary>
/// <param name="Key">The rule's key, for example <c>sedation</c>; the wording key is <c>reassess-{Key}</c>.</param>
/// <param name="CauseContains">Words of which one must occur in the cause (any case); none for the default.</param>
/// <param name="Text">The advice; may use <c>{tool}</c>.</param>
public sealed record ReassessmentRule(string Key, IReadOnlyList<string> CauseContains, string Text);
