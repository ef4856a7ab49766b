namespace CdsHooksIcans.Grading.Management;

/// <summary>Which management recommendations apply to a patient; the card content says what each one is.</summary>
/// <param name="Grade">The ICANS grade (or its lower bound).</param>
/// <param name="CrsPresent">Concurrent CRS: the management card variant with CRS.</param>
/// <param name="Corticosteroid">The corticosteroid the grade calls for, or null.</param>
/// <param name="TocilizumabNotIndicated">ICANS without CRS: say explicitly that tocilizumab is not indicated.</param>
/// <param name="EarlierSteroidOption">High-risk product at grades 1-3: ASCO's earlier or higher-dose steroid option.</param>
/// <param name="WeightBasedDosing">A child: doses are weight-based.</param>
/// <param name="TCellEngagerLabelRules">A T-cell engager with ICANS: the label's hold, resume and discontinue rules.</param>
/// <param name="LateNeurotoxicityWatch">A BCMA product: watch for delayed neurotoxicity.</param>
/// <param name="ResearchNote">ICANS is present: the TAK1/microglia research card applies (shown only when the deployment turns research cards on).</param>
public sealed record ManagementPlan(
    int Grade,
    bool CrsPresent,
    GradeSteroidPolicy? Corticosteroid,
    bool TocilizumabNotIndicated,
    bool EarlierSteroidOption,
    bool WeightBasedDosing,
    bool TCellEngagerLabelRules,
    bool LateNeurotoxicityWatch,
    bool ResearchNote)
{
    /// <summary>The recommendations for <paramref name="situation"/>.</summary>
    public static ManagementPlan For(IcansSituation situation, CorticosteroidPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(policy);
        var icans = situation.HasIcans;
        return new ManagementPlan(
            situation.Grade,
            situation.CrsPresent,
            policy.CalledFor(situation),
            icans && !situation.CrsPresent,
            situation.HighRiskProduct && situation.Grade is >= 1 and <= 3,
            situation.Pediatric && icans,
            situation.TCellEngager && icans,
            situation.LateWatchProduct,
            icans);
    }
}
