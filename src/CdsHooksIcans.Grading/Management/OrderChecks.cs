using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

/// <summary>What an order check found.</summary>
public enum OrderFindingKind
{
    /// <summary>The grade calls for a corticosteroid and none is drafted or active.</summary>
    CorticosteroidMissing,
    /// <summary>A drafted corticosteroid is below what the grade calls for (or the wrong drug for it).</summary>
    CorticosteroidBelowGrade,
    /// <summary>Tocilizumab is drafted for ICANS without concurrent CRS.</summary>
    TocilizumabWithoutCrs,
    /// <summary>High-risk product early after infusion, and no antiseizure drug drafted or active.</summary>
    NoSeizureProphylaxis,
}

/// <summary>One finding of the order checks.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Order">The draft the finding is about, when it is about one.</param>
/// <param name="Grade">What the grade calls for, when a corticosteroid order should be suggested.</param>
public sealed record OrderFinding(OrderFindingKind Kind, DrugOrder? Order, GradeSteroidPolicy? Grade);

/// <summary>
/// The order-sign checks of issue 4, as one pure function over the situation, the thresholds and the orders.
/// Drafts unrelated to ICANS never produce a finding; a patient without ICANS never does.
/// </summary>
public static class OrderChecks
{
    /// <summary>Checks the drafts being signed against the patient's ICANS situation.</summary>
    /// <param name="situation">The patient's ICANS situation; callers pass only patients who are being monitored.</param>
    /// <param name="policy">Corticosteroid thresholds by grade.</param>
    /// <param name="drafts">The recognised drug orders of context.draftOrders.</param>
    /// <param name="active">The patient's recognised active drug orders.</param>
    /// <returns>Findings in a stable order: per draft first, then the patient-level reminders.</returns>
    public static ImmutableArray<OrderFinding> Check(
        IcansSituation situation,
        CorticosteroidPolicy policy,
        IReadOnlyList<DrugOrder> drafts,
        IReadOnlyList<DrugOrder> active)
    {
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(active);

        if (!situation.HasIcans)
        {
            return [];
        }

        var findings = ImmutableArray.CreateBuilder<OrderFinding>();
        var calledFor = policy.CalledFor(situation);
        var steroidOrdered = drafts.Concat(active).Any(o => o.IsCorticosteroid);

        foreach (var draft in drafts)
        {
            if (draft.IsCorticosteroid && calledFor is not null && IsBelow(draft, calledFor, situation))
            {
                findings.Add(new OrderFinding(OrderFindingKind.CorticosteroidBelowGrade, draft, calledFor));
            }
            else if (draft.Drug == IcansDrug.Tocilizumab && !situation.CrsPresent)
            {
                // Replace the tocilizumab with the corticosteroid, unless one is already ordered.
                findings.Add(new OrderFinding(OrderFindingKind.TocilizumabWithoutCrs, draft, steroidOrdered ? null : calledFor));
            }
        }

        var replacementOffered = findings.Any(f => f.Kind == OrderFindingKind.TocilizumabWithoutCrs && f.Grade is not null);
        if (calledFor is not null && !steroidOrdered && !replacementOffered)
        {
            findings.Add(new OrderFinding(OrderFindingKind.CorticosteroidMissing, null, calledFor));
        }

        if (situation is { HighRiskProduct: true, TCellEngager: false, DaysSinceInfusion: { } days }
            && days <= policy.DayOneWindow
            && !drafts.Concat(active).Any(o => o.Drug == IcansDrug.Antiseizure))
        {
            findings.Add(new OrderFinding(OrderFindingKind.NoSeizureProphylaxis, null, null));
        }

        return findings.ToImmutable();
    }

    /// <summary>
    /// Whether a drafted corticosteroid is below the grade: a drug the grade does not accept, or a known daily dose under
    /// its minimum. Doses of children are weight-based and an unreadable dose cannot be judged: neither is flagged.
    /// </summary>
    public static bool IsBelow(DrugOrder draft, GradeSteroidPolicy grade, IcansSituation situation)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(grade);
        ArgumentNullException.ThrowIfNull(situation);
        if (grade.MinimumMgPerDay.IsEmpty)
        {
            return false;
        }

        if (!grade.MinimumMgPerDay.TryGetValue(draft.Drug, out var minimum))
        {
            return true;
        }

        return !situation.Pediatric && draft.MgPerDay is { } perDay && perDay < minimum;
    }
}
