namespace CdsHooksIcans.Clinical.Cards;

/// <summary>The indicator: fixed, or chosen by ICANS grade.</summary>
public sealed record IndicatorRule(string? Fixed, IReadOnlyDictionary<int, string>? ByGrade)
{
    public string For(int? grade) =>
        Fixed ?? (grade is { } g && ByGrade is not null && ByGrade.TryGetValue(g, out var indicator)
            ? indicator
            : throw new InvalidOperationException($"No indicator for grade {grade?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}."));
}
