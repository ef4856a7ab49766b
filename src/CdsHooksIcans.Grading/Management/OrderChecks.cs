using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Management;

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
