using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>
/// Worst domain and completeness: the overall grade is the most severe domain (attributed findings contribute 0), and a
/// missing cognitive or consciousness value makes the result incomplete unless the known domains already settle it.
/// </summary>
public static class OverallGrade
{
    /// <summary>Combines the domain states into the overall grade.</summary>
    /// <remarks>
    /// <para>
    /// The cognitive domain in use and consciousness are required. A domain is missing when it has no grade: no
    /// observation, or an ICE/CAPD whose newest attempt was not done in an arousable patient. A finding attributed to
    /// another cause is assessed, not missing (data contract v2; ASTCT grades what is "not attributable to any other
    /// cause"): it contributes 0 and the other domains decide, so a sedated patient with a documented ICE is graded.
    /// </para>
    /// <para>
    /// With a required domain missing the grade is still determined when the known maximum is 4 (nothing can be worse),
    /// or 3 with consciousness documented (an arousable patient's ICE cannot exceed grade 3). Seizure, motor and
    /// ICP/edema without data count as "nothing abnormal documented" and never make a result incomplete.
    /// </para>
    /// </remarks>
    /// <param name="domains">The state of every domain, in ASTCT order.</param>
    /// <param name="cognitiveTool">The cognitive domain in use.</param>
    public static OverallGradeResult Combine(IReadOnlyList<DomainState> domains, IcansDomain cognitiveTool)
    {
        ArgumentNullException.ThrowIfNull(domains);

        var known = domains.Max(d => d.Grade) ?? 0;
        var consciousnessDocumented = HasValue(domains, IcansDomain.Consciousness);
        ImmutableArray<IcansDomain> missing =
            [.. new[] { cognitiveTool, IcansDomain.Consciousness }.Where(d => !HasValue(domains, d))];

        var settled = missing.IsEmpty || known == 4 || (known == 3 && consciousnessDocumented);
        ImmutableArray<IcansDomain> driving = known >= 1
            ? [.. domains.Where(d => d.Grade == known).Select(d => d.Domain)]
            : [];

        return settled
            ? new OverallGradeResult(GradingStatus.Graded, known, known, driving, [])
            : new OverallGradeResult(GradingStatus.Incomplete, null, known, driving, missing);
    }

    private static bool HasValue(IEnumerable<DomainState> domains, IcansDomain domain) =>
        domains.Any(d => d.Domain == domain && d.Grade is not null);
}
