using System.Collections.Immutable;

namespace CdsHooksIcans.Grading.Management;

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
