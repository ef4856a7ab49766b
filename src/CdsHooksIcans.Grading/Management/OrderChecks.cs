using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Management;

/// <summary>What an order check found.</summary>
public enum OrderFindingKind
{
    /// <summary>The grade calls for a corticosteroid and no regimen is drafted or active.</summary>
    CorticosteroidMissing,
    /// <summary>A drafted corticosteroid is below what the grade calls for (dose, drug or route).</summary>
    CorticosteroidBelowGrade,
    /// <summary>The active corticosteroid regimen is below what the grade now calls for: escalate.</summary>
    CorticosteroidEscalation,
    /// <summary>A corticosteroid order's dose or timing cannot be read, so it cannot be weighed against the grade.</summary>
    CorticosteroidDoseNotReadable,
    /// <summary>Tocilizumab is drafted for ICANS while the chart shows CRS absent (graded 0).</summary>
    TocilizumabWithoutCrs,
    /// <summary>Tocilizumab is drafted for ICANS and CRS is not documented either way.</summary>
    TocilizumabCrsUnknown,
    /// <summary>A covered product in its prophylaxis window, and no antiseizure drug drafted or active.</summary>
    NoSeizureProphylaxis,
    /// <summary>A draft goes beyond a safety ceiling (dose, daily dose, doses in 24 hours or in total).</summary>
    DoseAboveCeiling,
}

/// <summary>Why a corticosteroid falls short of the grade.</summary>
public enum SteroidShortfall
{
    /// <summary>The grade does not accept the drug (dexamethasone at grade 4).</summary>
    WrongDrug,
    /// <summary>The route is stated and is not one the grade accepts.</summary>
    Route,
    /// <summary>The mg per 24 hours are under the grade's minimum.</summary>
    BelowMinimum,
}

/// <summary>One finding of the order checks.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Order">The order the finding is about, when it is about one (a draft, or the active regimen for an escalation).</param>
/// <param name="Grade">What the grade calls for, when a corticosteroid order should be suggested.</param>
/// <param name="Shortfall">For a corticosteroid below the grade: why.</param>
/// <param name="Ceiling">For a dose above a ceiling: the ceiling and the limit gone beyond.</param>
/// <param name="NotCounted">Corticosteroid orders that do not treat ICANS as a regimen (local, as needed), named on the card.</param>
public sealed record OrderFinding(
    OrderFindingKind Kind,
    DrugOrder? Order,
    GradeSteroidPolicy? Grade,
    SteroidShortfall? Shortfall = null,
    (DoseCeiling Ceiling, CeilingLimit Limit, decimal Value)? Ceiling = null,
    ImmutableArray<DrugOrder> NotCounted = default);

/// <summary>
/// The order-sign checks as one pure function over the situation, the rules and the orders. Drafts and active orders are
/// weighed together: a regimen already running counts, a local or as-needed corticosteroid does not.
/// </summary>
public static class OrderChecks
{
    /// <summary>Checks the drafts being signed, and the active regimen, against the patient's ICANS situation.</summary>
    /// <param name="situation">The patient's ICANS situation; callers pass only patients who are being monitored.</param>
    /// <param name="rules">Corticosteroid thresholds, prophylaxis coverage and safety ceilings.</param>
    /// <param name="drafts">The recognised drug orders of context.draftOrders.</param>
    /// <param name="active">The patient's recognised active drug orders.</param>
    /// <returns>Findings in a stable order: ceilings per draft, corticosteroid, tocilizumab, then prophylaxis.</returns>
    public static ImmutableArray<OrderFinding> Check(
        IcansSituation situation,
        OrderRules rules,
        IReadOnlyList<DrugOrder> drafts,
        IReadOnlyList<DrugOrder> active)
    {
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(active);

        var findings = ImmutableArray.CreateBuilder<OrderFinding>();
        findings.AddRange(Ceilings(rules.Ceilings, drafts, active));

        if (situation.HasIcans)
        {
            var reminded = rules.Corticosteroids.RemindedFor(situation);
            var steroid = reminded is null ? null : Corticosteroid(reminded, situation, drafts, active);
            var replacement = steroid?.Kind == OrderFindingKind.CorticosteroidMissing ? reminded : null;
            var tocilizumab = drafts
                .Where(d => d.Drug == IcansDrug.Tocilizumab && !situation.CrsPresent)
                .Select(d => situation.Crs == CrsStatus.Absent
                    ? new OrderFinding(OrderFindingKind.TocilizumabWithoutCrs, d, replacement)
                    : new OrderFinding(OrderFindingKind.TocilizumabCrsUnknown, d, null))
                .ToList();

            // A tocilizumab card that offers the corticosteroid in its place already says it is missing.
            if (steroid is not null && !(steroid.Kind == OrderFindingKind.CorticosteroidMissing
                && tocilizumab.Any(t => t.Kind == OrderFindingKind.TocilizumabWithoutCrs)))
            {
                findings.Add(steroid);
            }

            findings.AddRange(tocilizumab);
        }

        // Prophylaxis starts with the infusion, before any ICANS: that is when it prevents seizures.
        if (rules.Prophylaxis.Covers(situation) && !drafts.Concat(active).Any(o => o.Drug == IcansDrug.Antiseizure && !o.AsNeeded))
        {
            findings.Add(new OrderFinding(OrderFindingKind.NoSeizureProphylaxis, null, null));
        }

        return findings.ToImmutable();
    }

    /// <summary>
    /// The corticosteroid finding for a grade that calls for one, or null when the drafts and active orders together meet
    /// it. Regimens of one drug by accepted routes are summed per 24 hours; children's doses are weight-based, so for them
    /// only the drug and route are weighed.
    /// </summary>
    public static OrderFinding? Corticosteroid(GradeSteroidPolicy grade, IcansSituation situation, IReadOnlyList<DrugOrder> drafts, IReadOnlyList<DrugOrder> active)
    {
        ArgumentNullException.ThrowIfNull(grade);
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(active);

        var steroids = drafts.Concat(active).Where(o => o.IsCorticosteroid).ToList();
        var regimens = steroids.Where(o => o.IsRegimen).ToList();
        ImmutableArray<DrugOrder> notCounted = [.. steroids.Where(o => !o.IsRegimen)];
        if (regimens.Count == 0)
        {
            return new OrderFinding(OrderFindingKind.CorticosteroidMissing, null, grade, NotCounted: notCounted);
        }

        if (grade.MinimumMgPerDay.IsEmpty)
        {
            return null;
        }

        var counting = regimens.Where(o => grade.MinimumMgPerDay.ContainsKey(o.Drug) && grade.Accepts(o.RouteKind)).ToList();
        if (counting.Count > 0 && (situation.Pediatric || counting.GroupBy(o => o.Drug).Any(g => g.Sum(o => o.MgPerDay ?? 0) >= grade.MinimumMgPerDay[g.Key])))
        {
            return null;
        }

        if (counting.FirstOrDefault(o => o.MgPerDay is null) is { } unreadable)
        {
            return new OrderFinding(OrderFindingKind.CorticosteroidDoseNotReadable, unreadable, grade, NotCounted: notCounted);
        }

        // A draft is what the clinician is signing now, so it is the one to correct; otherwise the running regimen escalates.
        var shortest = regimens.OrderByDescending(o => o.IsDraft).ThenBy(o => Shortfall(o, grade)).First();
        return new OrderFinding(
            shortest.IsDraft ? OrderFindingKind.CorticosteroidBelowGrade : OrderFindingKind.CorticosteroidEscalation,
            shortest,
            grade,
            Shortfall(shortest, grade),
            NotCounted: notCounted);
    }

    /// <summary>Why one corticosteroid regimen falls short of the grade: the drug first, then the route, then the dose.</summary>
    public static SteroidShortfall Shortfall(DrugOrder order, GradeSteroidPolicy grade)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(grade);
        return !grade.MinimumMgPerDay.ContainsKey(order.Drug) ? SteroidShortfall.WrongDrug
            : !grade.Accepts(order.RouteKind) ? SteroidShortfall.Route
            : SteroidShortfall.BelowMinimum;
    }

    private static IEnumerable<OrderFinding> Ceilings(ImmutableArray<DoseCeiling> ceilings, IReadOnlyList<DrugOrder> drafts, IReadOnlyList<DrugOrder> active)
    {
        foreach (var draft in drafts)
        {
            foreach (var ceiling in ceilings.Where(c => c.Drug == draft.Drug))
            {
                var others = drafts.Concat(active)
                    .Where(o => o.Drug == draft.Drug && !o.AsNeeded && !ReferenceEquals(o, draft))
                    .Sum(o => o.DosesPerDay ?? 0);
                if (ceiling.Exceeded(draft, others) is var (limit, value))
                {
                    yield return new OrderFinding(OrderFindingKind.DoseAboveCeiling, draft, null, Ceiling: (ceiling, limit, value));
                    break;
                }
            }
        }
    }
}
