using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Rules;

/// <summary>The overall grade of a set of domain states.</summary>
/// <param name="Status">Graded, or incomplete with a lower bound.</param>
/// <param name="Grade">The grade when graded.</param>
/// <param name="LowerBound">The grade, or the maximum of what is known when incomplete (0 when nothing is).</param>
/// <param name="DrivingDomains">The domains equal to <paramref name="LowerBound"/>, when it is 1 or more.</param>
/// <param name="MissingDomains">The cognitive and consciousness domains that keep an incomplete result from a grade.</param>
public sealed record OverallGradeResult(
    GradingStatus Status,
    int? Grade,
    int LowerBound,
    ImmutableArray<IcansDomain> DrivingDomains,
    ImmutableArray<IcansDomain> MissingDomains);
