namespace CdsHooksIcans.Clinical.Cards.Validation;

/// <summary>The indicator is a CDS Hooks one, fixed or per grade 0-4, and per grade only on cards that have a grade.</summary>
internal static class IndicatorValidator
{
    private static readonly HashSet<string> Indicators = ["info", "warning", "critical"];

    public static void Check(CardTemplate card)
    {
        if (card.Indicator.Fixed is { } fixedIndicator && !Indicators.Contains(fixedIndicator))
        {
            throw card.Invalid("indicator", $"'{fixedIndicator}' is not one of info, warning, critical");
        }

        foreach (var (grade, indicator) in card.Indicator.ByGrade ?? new Dictionary<int, string>())
        {
            if (grade is < 0 or > 4 || !Indicators.Contains(indicator))
            {
                throw card.Invalid($"indicator.byGrade.{grade}", $"'{indicator}' for grade {grade}: grades are 0-4, indicators info, warning, critical");
            }
        }

        if (card.Indicator.ByGrade is not null && card.AppliesTo.Kind is not "grading" and not "management")
        {
            throw card.Invalid("indicator", "indicator by grade only applies to cards that have a grade");
        }
    }
}
