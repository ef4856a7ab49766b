using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

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
