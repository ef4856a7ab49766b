using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

/// <summary>What one ICANS grade calls for.</summary>
/// <param name="Grade">The ICANS grade, 1-4.</param>
/// <param name="HighRiskProductsOnly">The corticosteroid is an option only for high-risk products (ASCO: axi-cel, brexu-cel at grade 1).</param>
/// <param name="Regimen">The default regimen suggested for this grade.</param>
/// <param name="MinimumMgPerDay">
/// The lowest acceptable mg per 24 hours per drug. A drug missing from a non-empty map is not acceptable at this grade
/// (dexamethasone at grade 4); an empty map means doses are not checked.
/// </param>
/// <param name="Optional">
/// The guideline calls the corticosteroid an option ("may be an option"), not a recommendation: the management card
/// offers it, order-sign never reminds about it.
/// </param>
/// <param name="Routes">The routes that count at this grade; empty means any systemic route. An unstated route always counts.</param>
public sealed record GradeSteroidPolicy(
    int Grade,
    bool HighRiskProductsOnly,
    SteroidRegimen Regimen,
    ImmutableDictionary<IcansDrug, decimal> MinimumMgPerDay,
    bool Optional = false,
    ImmutableArray<RouteKind> Routes = default)
{
    /// <summary>
    /// Whether an order's route counts at this grade. A route the order does not state counts: inpatient orders carry one,
    /// and calling every route-less order "below the grade" would be noise; a stated route the grade does not list (oral
    /// at a grade that asks for IV, eye drops) does not.
    /// </summary>
    public bool Accepts(RouteKind route) => route == RouteKind.Unknown || (Routes.IsDefaultOrEmpty
        ? route is RouteKind.Intravenous or RouteKind.Oral or RouteKind.OtherSystemic
        : Routes.Contains(route));
}
