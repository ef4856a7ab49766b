using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>What a card applies to. Null members match anything.</summary>
/// <param name="Hook">patient-view or order-sign.</param>
/// <param name="Kind">What the card is for, for example <c>grading</c>.</param>
/// <param name="Status">graded or incomplete: grading cards are chosen by it, and a management card may apply to one only.</param>
/// <param name="Grades">ICANS grades the card applies to.</param>
/// <param name="Crs">Concurrent CRS present (true) or absent (false).</param>
/// <param name="HighRiskProduct">Product of high ICANS risk (axi-cel, brexu-cel).</param>
/// <param name="Pediatric">Patient under 18: doses are weight-based.</param>
/// <param name="TCellEngager">Therapy is a T-cell-engaging bispecific.</param>
/// <param name="LateWatch">Product with delayed neurotoxicity (BCMA CAR-T).</param>
/// <param name="Finding">For order-sign cards: the order-check finding, for example <c>corticosteroid-missing</c>.</param>
/// <param name="AssessmentOverdue">The last ICE/CAPD is more than 12 hours old (a management section's condition).</param>
/// <param name="CrsDocumented">CRS is charted either way (true) or not documented at all (false: neither a current grade nor a diagnosis of this course).</param>
public sealed record CardApplicability(
    string Hook,
    string Kind,
    string? Status = null,
    IReadOnlyList<int>? Grades = null,
    bool? Crs = null,
    bool? HighRiskProduct = null,
    bool? Pediatric = null,
    bool? TCellEngager = null,
    bool? LateWatch = null,
    string? Finding = null,
    bool? AssessmentOverdue = null,
    bool? CrsDocumented = null)
{
    /// <summary>Whether every condition the card states holds for the patient.</summary>
    /// <param name="situation">What management depends on.</param>
    /// <param name="assessmentOverdue">Whether the ICE/CAPD assessment is overdue.</param>
    public bool Matches(IcansSituation situation, bool assessmentOverdue = false)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return (AssessmentOverdue is null || AssessmentOverdue == assessmentOverdue)
            && (Status is null || Status == (situation.Graded ? "graded" : "incomplete"))
            && (Grades is null || Grades.Contains(situation.Grade))
            && (Crs is null || Crs == situation.CrsPresent)
            && (CrsDocumented is null || CrsDocumented == (situation.Crs != CrsStatus.Unknown))
            && (HighRiskProduct is null || HighRiskProduct == situation.HighRiskProduct)
            && (Pediatric is null || Pediatric == situation.Pediatric)
            && (TCellEngager is null || TCellEngager == situation.TCellEngager)
            && (LateWatch is null || LateWatch == situation.LateWatchProduct);
    }
}
