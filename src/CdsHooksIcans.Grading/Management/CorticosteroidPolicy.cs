using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

/// <summary>A corticosteroid regimen: drug, mg per dose, doses per 24 hours and route.</summary>
/// <param name="Drug">Dexamethasone or methylprednisolone.</param>
/// <param name="MgPerDose">mg per dose.</param>
/// <param name="DosesPerDay">Doses per 24 hours.</param>
/// <param name="Route">Route, for example <c>IV</c>.</param>
public sealed record SteroidRegimen(IcansDrug Drug, decimal MgPerDose, decimal DosesPerDay, string Route)
{
    /// <summary>mg per 24 hours.</summary>
    public decimal MgPerDay => MgPerDose * DosesPerDay;
}

/// <summary>What one ICANS grade calls for.</summary>
/// <param name="Grade">The ICANS grade, 1-4.</param>
/// <param name="HighRiskProductsOnly">The corticosteroid is an option only for high-risk products (ASCO: axi-cel, brexu-cel at grade 1).</param>
/// <param name="Regimen">The default regimen suggested for this grade.</param>
/// <param name="MinimumMgPerDay">
/// The lowest acceptable mg per 24 hours per drug. A drug missing from a non-empty map is not acceptable at this grade
/// (dexamethasone at grade 4); an empty map means doses are not checked.
/// </param>
public sealed record GradeSteroidPolicy(
    int Grade,
    bool HighRiskProductsOnly,
    SteroidRegimen Regimen,
    ImmutableDictionary<IcansDrug, decimal> MinimumMgPerDay);

/// <summary>
/// The corticosteroid thresholds by ICANS grade. Data, not code: the service loads them from the card content
/// (<c>cards/data/corticosteroid-dosing.json</c>) so an institution can follow its own protocol.
/// </summary>
/// <param name="Grades">One entry per grade that has a corticosteroid.</param>
/// <param name="DayOneWindow">Days after infusion in which a high-risk product without antiseizure prophylaxis is flagged.</param>
public sealed record CorticosteroidPolicy(ImmutableArray<GradeSteroidPolicy> Grades, int DayOneWindow = 30)
{
    /// <summary>The policy of <paramref name="grade"/>, or null when the grade calls for no corticosteroid.</summary>
    public GradeSteroidPolicy? For(int grade) => Grades.FirstOrDefault(g => g.Grade == grade);

    /// <summary>The corticosteroid this patient's grade calls for, or null (grade 0, or grade 1 for other products).</summary>
    public GradeSteroidPolicy? CalledFor(IcansSituation situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return For(situation.Grade) is { } policy && (!policy.HighRiskProductsOnly || situation.HighRiskProduct) ? policy : null;
    }
}
