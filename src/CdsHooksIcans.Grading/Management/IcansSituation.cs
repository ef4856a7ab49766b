using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Management;

/// <summary>What management depends on, read from an <see cref="IcansAssessment"/>.</summary>
/// <param name="Grade">The ICANS grade; when grading is incomplete, its known lower bound (never an under-grade).</param>
/// <param name="Graded">Whether the grade is determined (false: a lower bound).</param>
/// <param name="Crs">Concurrent CRS: present, absent, or unknown (not charted).</param>
/// <param name="HighRiskProduct">The product has a high ICANS risk (axi-cel, brexu-cel).</param>
/// <param name="Pediatric">The patient is a child: doses are weight-based.</param>
/// <param name="TCellEngager">The therapy is a T-cell-engaging bispecific.</param>
/// <param name="LateWatchProduct">A BCMA product with delayed neurotoxicity.</param>
/// <param name="Monitoring">Where the patient stands against the monitoring windows.</param>
/// <param name="DaysSinceInfusion">Days since the most recent infusion or dose, when known.</param>
/// <param name="ProductCode">The product's code in CodeSystem iec-product, when known.</param>
public sealed record IcansSituation(
    int Grade,
    bool Graded,
    CrsStatus Crs,
    bool HighRiskProduct,
    bool Pediatric,
    bool TCellEngager,
    bool LateWatchProduct,
    MonitoringState Monitoring,
    int? DaysSinceInfusion,
    string? ProductCode = null)
{
    /// <summary>Children under this age get weight-based doses. <value>18 years.</value></summary>
    public const int AdultFromAgeYears = 18;

    /// <summary>The situation an assessment describes. An unknown age counts as adult.</summary>
    public static IcansSituation From(IcansAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var product = assessment.Therapy?.Product;
        return new IcansSituation(
            assessment.Grade ?? assessment.LowerBound,
            assessment.Status == GradingStatus.Graded,
            assessment.Crs.Status,
            product?.HighIcansRisk == true,
            assessment.AgeYears is < AdultFromAgeYears,
            product?.Class == TherapyClass.TCellEngager,
            product?.LateNeurotoxicityWatch == true,
            assessment.Monitoring,
            assessment.DaysSinceInfusion,
            product?.Code);
    }

    /// <summary>Concurrent CRS is current.</summary>
    public bool CrsPresent => Crs == CrsStatus.Present;

    /// <summary>ICANS is present (grade 1 or more, or known to be at least 1).</summary>
    public bool HasIcans => Grade >= 1;
}
