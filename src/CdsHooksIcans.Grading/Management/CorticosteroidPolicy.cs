using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

/// <summary>A corticosteroid regimen: drug, mg per dose, doses per 24 hours and route.</summary>
/// <param name="Drug">Dexamethasone or methylprednisolone.</param>
/// <param name="MgPerDose">mg per dose.</param>
/// <param name="DosesPerDay">Doses per 24 hours.</param>
/// <param name="Route">Route, for example <c>IV</c>.</param>
/// <param name="TotalDoses">The number of doses when the regimen is limited (a single dose is 1).</param>
public sealed record SteroidRegimen(IcansDrug Drug, decimal MgPerDose, decimal DosesPerDay, string Route, int? TotalDoses = null)
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

/// <summary>
/// The corticosteroid thresholds by ICANS grade. Data, not code: the service loads them from the card content
/// (<c>cards/data/corticosteroid-dosing.json</c>) so an institution can follow its own protocol.
/// </summary>
/// <param name="Grades">One entry per grade that has a corticosteroid.</param>
public sealed record CorticosteroidPolicy(ImmutableArray<GradeSteroidPolicy> Grades)
{
    /// <summary>The policy of <paramref name="grade"/>, or null when the grade calls for no corticosteroid.</summary>
    public GradeSteroidPolicy? For(int grade) => Grades.FirstOrDefault(g => g.Grade == grade);

    /// <summary>The corticosteroid this patient's grade offers, or null (grade 0, or grade 1 for other products).</summary>
    public GradeSteroidPolicy? CalledFor(IcansSituation situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return For(situation.Grade) is { } policy && (!policy.HighRiskProductsOnly || situation.HighRiskProduct) ? policy : null;
    }

    /// <summary>The corticosteroid order-sign reminds about: what the grade calls for, unless it is only an option.</summary>
    public GradeSteroidPolicy? RemindedFor(IcansSituation situation) => CalledFor(situation) is { Optional: false } policy ? policy : null;
}

/// <summary>
/// Which patients get the seizure-prophylaxis reminder, from <c>cards/data/seizure-prophylaxis.json</c>: the products (or
/// every IEC therapy) and the days after the most recent infusion, the institution's choice among differing guidelines.
/// </summary>
/// <param name="AllIecTherapies">Every CAR-T and T-cell engager, whatever the product.</param>
/// <param name="Products">The product codes (CodeSystem iec-product) the reminder covers when not all.</param>
/// <param name="FromDay">First day after the most recent infusion (0: the infusion day).</param>
/// <param name="ToDay">Last day, inclusive.</param>
public sealed record SeizureProphylaxisPolicy(bool AllIecTherapies, ImmutableArray<string> Products, int FromDay, int ToDay)
{
    /// <summary>Whether a patient is in the prophylaxis window of a covered product.</summary>
    public bool Covers(IcansSituation situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return situation.DaysSinceInfusion is { } day && day >= FromDay && day <= ToDay
            && (AllIecTherapies || (situation.ProductCode is { } code && Products.Contains(code, StringComparer.Ordinal)));
    }
}

/// <summary>Which limit of a <see cref="DoseCeiling"/> an order goes beyond.</summary>
public enum CeilingLimit
{
    /// <summary>mg in one dose.</summary>
    PerDose,
    /// <summary>mg in 24 hours.</summary>
    PerDay,
    /// <summary>Doses in 24 hours.</summary>
    DosesPer24Hours,
    /// <summary>Doses in all.</summary>
    DosesInTotal,
}

/// <summary>A safety ceiling for a drug, from <c>cards/data/dose-ceilings.json</c>: a draft above any limit is a warning.</summary>
/// <param name="Drug">The drug.</param>
/// <param name="MaxMgPerDose">Most mg in one dose.</param>
/// <param name="MaxMgPerDay">Most mg in 24 hours.</param>
/// <param name="MaxDosesPer24Hours">Most doses in 24 hours.</param>
/// <param name="MaxDosesInTotal">Most doses in all.</param>
/// <param name="Source">Where the limit comes from, as the card states it.</param>
public sealed record DoseCeiling(
    IcansDrug Drug,
    decimal? MaxMgPerDose,
    decimal? MaxMgPerDay,
    int? MaxDosesPer24Hours,
    int? MaxDosesInTotal,
    string Source)
{
    /// <summary>The first limit the order goes beyond, with the limit; null when within all. Counts other orders' doses in 24 hours.</summary>
    /// <param name="order">The draft.</param>
    /// <param name="otherDosesPer24Hours">Doses in 24 hours of the patient's other orders of the same drug.</param>
    public (CeilingLimit Limit, decimal Value)? Exceeded(DrugOrder order, decimal otherDosesPer24Hours)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.MgPerDose > MaxMgPerDose)
        {
            return (CeilingLimit.PerDose, MaxMgPerDose!.Value);
        }

        if (order.MgPerDay > MaxMgPerDay)
        {
            return (CeilingLimit.PerDay, MaxMgPerDay!.Value);
        }

        var doses = order.DosesPerDay ?? (order.TotalDoses is null ? null : 1m);
        if (doses + otherDosesPer24Hours > MaxDosesPer24Hours)
        {
            return (CeilingLimit.DosesPer24Hours, MaxDosesPer24Hours!.Value);
        }

        return order.TotalDoses > MaxDosesInTotal ? (CeilingLimit.DosesInTotal, MaxDosesInTotal!.Value) : null;
    }
}

/// <summary>Everything the order checks weigh besides the patient: corticosteroids by grade, prophylaxis, ceilings.</summary>
/// <param name="Corticosteroids">Corticosteroid thresholds by grade.</param>
/// <param name="Prophylaxis">Who gets the seizure-prophylaxis reminder.</param>
/// <param name="Ceilings">Safety ceilings per drug.</param>
public sealed record OrderRules(CorticosteroidPolicy Corticosteroids, SeizureProphylaxisPolicy Prophylaxis, ImmutableArray<DoseCeiling> Ceilings);
