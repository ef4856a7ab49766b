using System.Collections.Immutable;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Tests.Management;

public sealed class OrderChecksTests
{
    private static readonly SteroidRegimen DexQ6h = new(IcansDrug.Dexamethasone, 10, 4, "IV");
    private static readonly ImmutableDictionary<IcansDrug, decimal> GradeTwoThree =
        ImmutableDictionary<IcansDrug, decimal>.Empty.Add(IcansDrug.Dexamethasone, 20).Add(IcansDrug.Methylprednisolone, 100);

    private static readonly CorticosteroidPolicy Policy = new(
    [
        new GradeSteroidPolicy(1, true, new SteroidRegimen(IcansDrug.Dexamethasone, 10, 1, "IV"), ImmutableDictionary<IcansDrug, decimal>.Empty),
        new GradeSteroidPolicy(2, false, DexQ6h, GradeTwoThree),
        new GradeSteroidPolicy(3, false, DexQ6h, GradeTwoThree),
        new GradeSteroidPolicy(4, false, new SteroidRegimen(IcansDrug.Methylprednisolone, 1000, 1, "IV"), ImmutableDictionary<IcansDrug, decimal>.Empty.Add(IcansDrug.Methylprednisolone, 1000)),
    ]);

    private static IcansSituation Situation(int grade, bool crs = false, bool highRisk = false, bool pediatric = false, int? days = 5) =>
        new(grade, true, crs, highRisk, pediatric, false, false, MonitoringState.InWindow, days);

    private static DrugOrder Draft(IcansDrug drug, decimal? mg, decimal? perDay, string id = "d1") =>
        new("MedicationRequest/" + id, drug, true, false, mg, perDay, "IV");

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(1, false, false)]
    [InlineData(1, true, true)]
    [InlineData(2, false, true)]
    [InlineData(4, false, true)]
    public void Check_NoCorticosteroid_RemindsFromGradeTwoOrOneForHighRisk(int grade, bool highRisk, bool reminded)
    {
        var findings = OrderChecks.Check(Situation(grade, highRisk: highRisk, days: 60), Policy, [], []);

        Assert.Equal(reminded, findings.Any(f => f.Kind == OrderFindingKind.CorticosteroidMissing));
    }

    [Fact]
    public void Check_ActiveCorticosteroid_SilencesTheReminder()
    {
        var active = new DrugOrder("MedicationRequest/a1", IcansDrug.Methylprednisolone, false, false, 60, 2, "IV");

        Assert.Empty(OrderChecks.Check(Situation(3, days: 60), Policy, [], [active]));
    }

    [Theory]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 1, true)]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 2, false)]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 4, false)]
    [InlineData(3, IcansDrug.Methylprednisolone, 40, 2, true)]
    [InlineData(4, IcansDrug.Dexamethasone, 20, 4, true)]
    [InlineData(4, IcansDrug.Methylprednisolone, 500, 1, true)]
    [InlineData(4, IcansDrug.Methylprednisolone, 1000, 1, false)]
    public void Check_DraftCorticosteroid_BelowTheGradeIsFlagged(int grade, IcansDrug drug, int mg, int perDay, bool flagged)
    {
        var findings = OrderChecks.Check(Situation(grade, days: 60), Policy, [Draft(drug, mg, perDay)], []);

        Assert.Equal(flagged, findings.Any(f => f.Kind == OrderFindingKind.CorticosteroidBelowGrade && f.Order!.Reference == "MedicationRequest/d1"));
        Assert.DoesNotContain(findings, f => f.Kind == OrderFindingKind.CorticosteroidMissing);
    }

    [Fact]
    public void Check_ChildOrUnreadableDose_IsNotJudged()
    {
        Assert.Empty(OrderChecks.Check(Situation(3, pediatric: true, days: 60), Policy, [Draft(IcansDrug.Dexamethasone, 5, 1)], []));
        Assert.Empty(OrderChecks.Check(Situation(3, days: 60), Policy, [Draft(IcansDrug.Dexamethasone, null, null)], []));
    }

    [Fact]
    public void Check_TocilizumabWithoutCrs_WarnsAndOffersTheCorticosteroidInstead()
    {
        var findings = OrderChecks.Check(Situation(2, days: 60), Policy, [Draft(IcansDrug.Tocilizumab, 560, 1, "toci")], []);

        var finding = Assert.Single(findings);
        Assert.Equal(OrderFindingKind.TocilizumabWithoutCrs, finding.Kind);
        Assert.Equal(DexQ6h, finding.Grade!.Regimen);
    }

    [Fact]
    public void Check_TocilizumabWithCrs_IsNotFlagged()
    {
        var findings = OrderChecks.Check(Situation(2, crs: true, days: 60), Policy, [Draft(IcansDrug.Tocilizumab, 560, 1), Draft(IcansDrug.Dexamethasone, 10, 4, "d2")], []);

        Assert.Empty(findings);
    }

    [Theory]
    [InlineData(true, 10, false, true)]
    [InlineData(true, 31, false, false)]
    [InlineData(false, 10, false, false)]
    [InlineData(true, 10, true, false)]
    public void Check_HighRiskProductEarly_WithoutProphylaxis_Informs(bool highRisk, int days, bool levetiracetamActive, bool informed)
    {
        IReadOnlyList<DrugOrder> active = levetiracetamActive ? [new("MedicationRequest/lev", IcansDrug.Antiseizure, false, false, 750, 2, "PO")] : [];

        var findings = OrderChecks.Check(Situation(1, highRisk: highRisk, days: days), Policy, [Draft(IcansDrug.Dexamethasone, 10, 1)], active);

        Assert.Equal(informed, findings.Any(f => f.Kind == OrderFindingKind.NoSeizureProphylaxis));
    }

    [Fact]
    public void Check_NoIcans_NeverFinds()
    {
        Assert.Empty(OrderChecks.Check(Situation(0, highRisk: true), Policy, [Draft(IcansDrug.Tocilizumab, 560, 1)], []));
    }

    [Fact]
    public void Plan_IcansWithoutCrs_SaysTocilizumabIsNotIndicated_AndHighDoseAtGradeFour()
    {
        var plan = ManagementPlan.For(Situation(4), Policy);

        Assert.True(plan.TocilizumabNotIndicated);
        Assert.Equal(IcansDrug.Methylprednisolone, plan.Corticosteroid!.Regimen.Drug);
        Assert.Equal(1000, plan.Corticosteroid.Regimen.MgPerDay);
        Assert.False(ManagementPlan.For(Situation(4, crs: true), Policy).TocilizumabNotIndicated);
        Assert.Null(ManagementPlan.For(Situation(1), Policy).Corticosteroid);
    }
}
