using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;

namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>A card applies to a hook the service answers, a kind it renders and, on order-sign, one order-check finding.</summary>
internal static class AppliesToValidator
{
    private static readonly HashSet<string> Hooks = ["patient-view", "order-sign"];
    private static readonly List<string> Findings = [.. Enum.GetValues<OrderFindingKind>().Select(kind => EnumCodes.ToCode(kind))];

    public static void Check(CardTemplate card, IEnumerable<string> kinds)
    {
        var appliesTo = card.AppliesTo;
        if (!Hooks.Contains(appliesTo.Hook))
        {
            throw card.Invalid("appliesTo.hook", $"'{appliesTo.Hook}' is not one of {string.Join(", ", Hooks)}");
        }

        if (!kinds.Contains(appliesTo.Kind))
        {
            throw card.Invalid("appliesTo.kind", $"'{appliesTo.Kind}' is not a card kind the service renders ({string.Join(", ", kinds.Order(StringComparer.Ordinal))})");
        }

        if (appliesTo.Finding is { } finding && !Findings.Contains(finding))
        {
            throw card.Invalid("appliesTo.finding", $"'{finding}' is not one of {string.Join(", ", Findings)}");
        }

        if ((appliesTo.Hook == "order-sign") != (appliesTo.Finding is not null))
        {
            throw card.Invalid("appliesTo.finding", "order-sign cards, and only they, name the order-check finding they answer");
        }
    }
}
