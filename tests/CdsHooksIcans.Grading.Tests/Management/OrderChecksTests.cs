using System.Collections.Immutable;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Tests.Management;

/// <summary>The pure order checks; the same rules run end to end over FHIR orders in the order-sign case table.</summary>
public sealed class OrderChecksTests
{
    private static readonly SteroidRegimen DexQ6h = new(IcansDrug.Dexamethasone, 10, 4, "IV");
    private static readonly ImmutableDictionary<IcansDrug, decimal> GradeTwoThree =
        ImmutableDictionary<IcansDrug, decimal>.Empty.Add(IcansDrug.Dexamethasone, 20).Add(IcansDrug.Methylprednisolone, 100);

    private static readonly ImmutableArray<RouteKind> Iv = [RouteKind.Intravenous];

    private static readonly OrderRules Rules = new(
        new CorticosteroidPolicy(
        [
            new GradeSteroidPolicy(1, true, new SteroidRegimen(IcansDrug.Dexamethasone, 10, 1, "IV", 1), ImmutableDictionary<IcansDrug, decimal>.Empty, Optional: true),
            new GradeSteroidPolicy(2, false, DexQ6h, GradeTwoThree, Routes: Iv),
            new GradeSteroidPolicy(3, false, DexQ6h, GradeTwoThree, Routes: Iv),
            new GradeSteroidPolicy(4, false, new SteroidRegimen(IcansDrug.Methylprednisolone, 1000, 1, "IV"), ImmutableDictionary<IcansDrug, decimal>.Empty.Add(IcansDrug.Methylprednisolone, 1000), Routes: Iv),
        ]),
        new SeizureProphylaxisPolicy(false, ["axicabtagene-ciloleucel"], 0, 30),
        [new DoseCeiling(IcansDrug.Tocilizumab, 800, null, 3, 4, "ASCO 2021")]);

    private static IcansSituation Situation(int grade, CrsStatus crs = CrsStatus.Unknown, bool highRisk = false, bool pediatric = false, int? days = 40, string product = "tisagenlecleucel") =>
        new(grade, true, crs, highRisk, pediatric, false, false, MonitoringState.InWindow, days, product);

    private static DrugOrder Order(IcansDrug drug, decimal? mg, decimal? perDay, string id = "d1", bool draft = true, RouteKind route = RouteKind.Intravenous, bool prn = false, int? total = null) =>
        new("MedicationRequest/" + id, drug, draft, false, mg, perDay, route.ToString(), route, prn, total, mg is null || perDay is null ? "dose not stated" : null);

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(1, false, false)]
    [InlineData(1, true, false)]
    [InlineData(2, false, true)]
    [InlineData(4, false, true)]
    public void Check_NoCorticosteroid_RemindsFromGradeTwo_NeverForAnOption(int grade, bool highRisk, bool reminded)
    {
        var findings = OrderChecks.Check(Situation(grade, highRisk: highRisk), Rules, [], []);

        Assert.Equal(reminded, findings.Any(f => f.Kind == OrderFindingKind.CorticosteroidMissing));
    }

    [Theory]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 1, RouteKind.Intravenous, OrderFindingKind.CorticosteroidBelowGrade, SteroidShortfall.BelowMinimum)]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 2, RouteKind.Intravenous, null, null)]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 4, RouteKind.Oral, OrderFindingKind.CorticosteroidBelowGrade, SteroidShortfall.Route)]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 4, RouteKind.Unknown, null, null)]
    [InlineData(3, IcansDrug.Dexamethasone, 10, 1, RouteKind.Unknown, OrderFindingKind.CorticosteroidBelowGrade, SteroidShortfall.BelowMinimum)]
    [InlineData(3, IcansDrug.Methylprednisolone, 40, 2, RouteKind.Intravenous, OrderFindingKind.CorticosteroidBelowGrade, SteroidShortfall.BelowMinimum)]
    [InlineData(4, IcansDrug.Dexamethasone, 20, 4, RouteKind.Intravenous, OrderFindingKind.CorticosteroidBelowGrade, SteroidShortfall.WrongDrug)]
    [InlineData(4, IcansDrug.Methylprednisolone, 1000, 1, RouteKind.Intravenous, null, null)]
    [InlineData(3, IcansDrug.Dexamethasone, 4, 3, RouteKind.Local, OrderFindingKind.CorticosteroidMissing, null)]
    public void Check_DraftCorticosteroid_IsWeighedByDrugRouteAndDose(int grade, IcansDrug drug, int mg, int perDay, RouteKind route, OrderFindingKind? kind, SteroidShortfall? shortfall)
    {
        var findings = OrderChecks.Check(Situation(grade), Rules, [Order(drug, mg, perDay, route: route)], []);

        var finding = findings.SingleOrDefault();
        Assert.Equal(kind, finding?.Kind);
        Assert.Equal(shortfall, finding?.Shortfall);
    }

    [Fact]
    public void Check_AdequateActiveRegimen_SilencesTheReminder_AndActiveAndDraftAddUp()
    {
        Assert.Empty(OrderChecks.Check(Situation(3), Rules, [], [Order(IcansDrug.Methylprednisolone, 60, 2, "a1", draft: false)]));
        Assert.Empty(OrderChecks.Check(Situation(3), Rules, [Order(IcansDrug.Dexamethasone, 5, 2)], [Order(IcansDrug.Dexamethasone, 5, 2, "a1", draft: false)]));
    }

    [Fact]
    public void Check_GradeRoseAboveTheActiveRegimen_Escalates()
    {
        var findings = OrderChecks.Check(Situation(4), Rules, [], [Order(IcansDrug.Dexamethasone, 10, 4, "a1", draft: false)]);

        var finding = Assert.Single(findings);
        Assert.Equal((OrderFindingKind.CorticosteroidEscalation, SteroidShortfall.WrongDrug, "MedicationRequest/a1"), (finding.Kind, finding.Shortfall, finding.Order!.Reference));
        Assert.Equal(IcansDrug.Methylprednisolone, finding.Grade!.Regimen.Drug);
    }

    [Fact]
    public void Check_LocalOrAsNeededCorticosteroid_DoesNotSilenceTheReminder_AndIsNamed()
    {
        var eyeDrops = Order(IcansDrug.Dexamethasone, 0.1m, 4, "eye", draft: false, route: RouteKind.Local);
        var prn = Order(IcansDrug.Dexamethasone, 4, null, "prn", draft: false, route: RouteKind.Oral, prn: true);

        var finding = Assert.Single(OrderChecks.Check(Situation(3), Rules, [], [eyeDrops, prn]));

        Assert.Equal(OrderFindingKind.CorticosteroidMissing, finding.Kind);
        Assert.Equal(["MedicationRequest/eye", "MedicationRequest/prn"], finding.NotCounted.Select(o => o.Reference));
    }

    [Fact]
    public void Check_UnreadableDose_IsSaidSo_NotSkipped()
    {
        var finding = Assert.Single(OrderChecks.Check(Situation(3), Rules, [Order(IcansDrug.Dexamethasone, null, 4)], []));

        Assert.Equal(OrderFindingKind.CorticosteroidDoseNotReadable, finding.Kind);
    }

    [Fact]
    public void Check_Child_DoseIsNotJudged_DrugAndRouteAre()
    {
        Assert.Empty(OrderChecks.Check(Situation(3, pediatric: true), Rules, [Order(IcansDrug.Dexamethasone, 5, 1)], []));
        Assert.Equal(
            SteroidShortfall.WrongDrug,
            Assert.Single(OrderChecks.Check(Situation(4, pediatric: true), Rules, [Order(IcansDrug.Dexamethasone, 5, 4)], [])).Shortfall);
    }

    [Theory]
    [InlineData(CrsStatus.Absent, OrderFindingKind.TocilizumabWithoutCrs)]
    [InlineData(CrsStatus.Unknown, OrderFindingKind.TocilizumabCrsUnknown)]
    [InlineData(CrsStatus.Present, null)]
    public void Check_Tocilizumab_DependsOnTheThreeCrsValues(CrsStatus crs, OrderFindingKind? expected)
    {
        var findings = OrderChecks.Check(Situation(2, crs), Rules, [Order(IcansDrug.Tocilizumab, 560, 1, "toci", total: 1)], []);

        Assert.Equal(expected, findings.Select(f => (OrderFindingKind?)f.Kind).FirstOrDefault(k => k is OrderFindingKind.TocilizumabWithoutCrs or OrderFindingKind.TocilizumabCrsUnknown));
        var toci = findings.FirstOrDefault(f => f.Order?.Reference == "MedicationRequest/toci");
        // Only a documented absence offers the corticosteroid in place of the tocilizumab (and then no separate reminder).
        Assert.Equal(crs == CrsStatus.Absent, toci?.Grade is not null);
        Assert.Equal(crs != CrsStatus.Absent, findings.Any(f => f.Kind == OrderFindingKind.CorticosteroidMissing));
    }

    [Theory]
    [InlineData(900, 1, 1, CeilingLimit.PerDose)]
    [InlineData(560, 4, null, CeilingLimit.DosesPer24Hours)]
    [InlineData(560, 3, 5, CeilingLimit.DosesInTotal)]
    [InlineData(800, 3, 4, null)]
    public void Check_TocilizumabCeilings_AreWarnings_AtAnyGrade(int mg, int perDay, int? total, CeilingLimit? limit)
    {
        var findings = OrderChecks.Check(Situation(0, CrsStatus.Present), Rules, [Order(IcansDrug.Tocilizumab, mg, perDay, total: total)], []);

        Assert.Equal(limit, findings.SingleOrDefault(f => f.Kind == OrderFindingKind.DoseAboveCeiling)?.Ceiling?.Limit);
    }

    [Fact]
    public void Check_TocilizumabDosesPer24Hours_CountActiveOrders()
    {
        var findings = OrderChecks.Check(Situation(0, CrsStatus.Present), Rules, [Order(IcansDrug.Tocilizumab, 560, 1, total: 1)], [Order(IcansDrug.Tocilizumab, 560, 3, "a1", draft: false)]);

        Assert.Equal(CeilingLimit.DosesPer24Hours, Assert.Single(findings).Ceiling!.Value.Limit);
    }

    [Theory]
    [InlineData("axicabtagene-ciloleucel", 0, null, true)]
    [InlineData("axicabtagene-ciloleucel", 30, null, true)]
    [InlineData("axicabtagene-ciloleucel", 31, null, false)]
    [InlineData("tisagenlecleucel", 2, null, false)]
    [InlineData("axicabtagene-ciloleucel", 2, false, false)]
    [InlineData("axicabtagene-ciloleucel", 2, true, true)]
    public void Check_Prophylaxis_CoversTheProductsFromTheInfusionDay_AtAnyGrade(string product, int day, bool? antiseizureAsNeeded, bool reminded)
    {
        IReadOnlyList<DrugOrder> active = antiseizureAsNeeded is { } prn ? [Order(IcansDrug.Antiseizure, 200, prn ? null : 2, "lac", draft: false, route: RouteKind.Oral, prn: prn)] : [];

        var findings = OrderChecks.Check(Situation(0, days: day, product: product), Rules, [], active);

        Assert.Equal(reminded, findings.Any(f => f.Kind == OrderFindingKind.NoSeizureProphylaxis));
    }

    [Fact]
    public void Plan_IcansWithoutCrs_SaysTocilizumabIsNotIndicated_AndHighDoseAtGradeFour()
    {
        var plan = ManagementPlan.For(Situation(4), Rules.Corticosteroids);

        Assert.True(plan.TocilizumabNotIndicated);
        Assert.Equal(IcansDrug.Methylprednisolone, plan.Corticosteroid!.Regimen.Drug);
        Assert.Equal(1000, plan.Corticosteroid.Regimen.MgPerDay);
        Assert.False(ManagementPlan.For(Situation(4, CrsStatus.Present), Rules.Corticosteroids).TocilizumabNotIndicated);
        Assert.Null(ManagementPlan.For(Situation(1), Rules.Corticosteroids).Corticosteroid);
    }
}
