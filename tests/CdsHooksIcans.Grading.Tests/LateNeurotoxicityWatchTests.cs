using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

/// <summary>
/// Late neurotoxicity after BCMA CAR-T: carried beside the grade over the whole watch, never part of it
/// (docs/adr/0020-late-neurotoxicity-watch-and-findings.md).
/// </summary>
public sealed class LateNeurotoxicityWatchTests
{
    public static TheoryData<LateNeurotoxicityFinding> EveryLateFinding() => [.. Enum.GetValues<LateNeurotoxicityFinding>()];

    // Patients of every kind of result: grade 0, 2 and 4 in the ICANS window, grade 0 in the late watch, incomplete.
    private static IEnumerable<FindingsBuilder> Patients()
    {
        yield return new FindingsBuilder().BornYearsAgo(60).Infused(Products.CiltaCel, FromDays(10)).Ice(10).Alert();
        yield return new FindingsBuilder().BornYearsAgo(60).Infused(Products.CiltaCel, FromDays(10)).Ice(5).Alert();
        yield return new FindingsBuilder().BornYearsAgo(60).Infused(Products.IdeCel, FromDays(10)).Ice(10).Alert().IcpEdema(IcpEdemaFinding.CranialNerveViPalsy);
        yield return new FindingsBuilder().BornYearsAgo(60).Infused(Products.CiltaCel, FromDays(60)).Ice(10).Alert();
        yield return new FindingsBuilder().BornYearsAgo(60).Infused(Products.CiltaCel, FromDays(60)).Ice(8);
    }

    [Theory]
    [MemberData(nameof(EveryLateFinding))]
    public void LateFinding_NeverChangesTheGrade(LateNeurotoxicityFinding finding)
    {
        foreach (var patient in Patients())
        {
            var before = patient.Assess();
            var after = patient.LateFinding(finding, FromMinutes(30)).LateDiagnosis(finding, FromMinutes(30)).Assess();

            Assert.Equal(
                (before.Status, before.Grade, before.LowerBound, before.ShowGradingCard, before.LateOnset, string.Join(",", before.DrivingDomains), string.Join(",", before.MissingDomains)),
                (after.Status, after.Grade, after.LowerBound, after.ShowGradingCard, after.LateOnset, string.Join(",", after.DrivingDomains), string.Join(",", after.MissingDomains)));
            // ImmutableArray compares by reference: compare the items.
            Assert.Equal(before.Evidence.ToArray(), after.Evidence.ToArray());
            Assert.Equal(before.Domains.Select(d => (d.Domain, d.Grade, d.Finding)).ToArray(), after.Domains.Select(d => (d.Domain, d.Grade, d.Finding)).ToArray());
        }
    }

    [Fact]
    public void CranialNerveViPalsy_StaysGradeFour_BesideAFacialPalsy()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(60).Infused(Products.CiltaCel, FromDays(40))
            .Ice(10).Alert().IcpEdema(IcpEdemaFinding.CranialNerveViPalsy).LateFinding(LateNeurotoxicityFinding.FacialNervePalsy)
            .Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal([IcansDomain.IcpEdema], assessment.DrivingDomains.ToArray());
        Assert.True(assessment.LateOnset);
        Assert.Equal(["facial-nerve-palsy"], assessment.LateNeurotoxicity.Select(s => s.Finding));
    }

    [Fact]
    public void CranialNervePalsyOtherThanVi_IsNeverTheGradeFourPath()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(60).Infused(Products.CiltaCel, FromDays(10))
            .Ice(10).Alert().LateFinding(LateNeurotoxicityFinding.CranialNervePalsy).LateFinding(LateNeurotoxicityFinding.FacialNervePalsy)
            .Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Equal(0, assessment.Domains.Single(d => d.Domain == IcansDomain.IcpEdema).Grade ?? 0);
        Assert.All(assessment.LateNeurotoxicity, s => Assert.Equal(LateNeurotoxicityGroup.CranialNervePalsy, s.Group));
    }

    [Fact]
    public void FindingChartedDaysAgo_StillCounts_ThoughOutsideTheAssessmentWindow()
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(60))
            .LateFinding(LateNeurotoxicityFinding.Parkinsonism, FromDays(12)).LateFinding(LateNeurotoxicityFinding.Micrographia, FromDays(3))
            .Assess();

        Assert.Equal(MonitoringState.LateWatch, assessment.Monitoring);
        Assert.Equal(["micrographia", "parkinsonism"], assessment.LateNeurotoxicity.Select(s => s.Finding));
        Assert.Equal(FindingsBuilder.Now - FromDays(3), assessment.LateNeurotoxicity[0].Source.Time);
        Assert.Equal("Observation/2", assessment.LateNeurotoxicity[0].Source.Reference);
    }

    [Fact]
    public void FindingBeforeTheFirstBcmaInfusion_DoesNotCount()
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(60))
            .LateFinding(LateNeurotoxicityFinding.PeripheralNeuropathy, FromDays(61)).LateDiagnosis(LateNeurotoxicityFinding.PeripheralNeuropathy, FromDays(300))
            .Assess();

        Assert.Empty(assessment.LateNeurotoxicity);
    }

    [Theory]
    [InlineData(100, 99, true)]
    [InlineData(100, 101, false)]
    [InlineData(365, 200, true)]
    [InlineData(365, 366, false)]
    public void Watch_EndsAtTheConfiguredLength(int watchDays, int daysSinceInfusion, bool counts)
    {
        var options = new GradingOptions { LateWatchWindow = FromDays(watchDays) };

        var assessment = new FindingsBuilder().Infused(Products.IdeCel, FromDays(daysSinceInfusion))
            .LateFinding(LateNeurotoxicityFinding.GaitDisturbance, FromDays(1)).Assess(options);

        Assert.Equal(counts, !assessment.LateNeurotoxicity.IsEmpty);
    }

    [Fact]
    public void Watch_LooksBackNoLongerThanItsLength_EvenAfterAReinfusion()
    {
        var options = new GradingOptions { LateWatchWindow = FromDays(100) };

        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(200)).Infused(Products.CiltaCel, FromDays(20))
            .LateFinding(LateNeurotoxicityFinding.Parkinsonism, FromDays(150)).LateFinding(LateNeurotoxicityFinding.Bradykinesia, FromDays(90))
            .Assess(options);

        Assert.Equal(["bradykinesia"], assessment.LateNeurotoxicity.Select(s => s.Finding));
    }

    [Fact]
    public void DefaultWatch_IsOneYear()
    {
        Assert.Equal(FromDays(365), GradingOptions.Default.LateWatchWindow);
    }

    [Fact]
    public void Cd19CarT_HasNoLateSigns()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, FromDays(10)).Ice(10).Alert()
            .Motor(MotorFinding.Tremor).LateFinding(LateNeurotoxicityFinding.Parkinsonism).Assess();

        Assert.Empty(assessment.LateNeurotoxicity);
    }

    [Fact]
    public void Tremor_IsAMovementSign_UntilALaterNoMotorFinding()
    {
        var builder = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(40)).Motor(MotorFinding.Tremor, FromDays(5));

        var sign = Assert.Single(builder.Assess().LateNeurotoxicity);
        Assert.Equal(("tremor", LateNeurotoxicityGroup.MovementAndNeurocognitive), (sign.Finding, sign.Group));
        Assert.Empty(builder.Motor(MotorFinding.NoMotorFinding, FromDays(1)).Assess().LateNeurotoxicity);
    }

    [Fact]
    public void LaterHemiparesis_DoesNotClearATremorSign()
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(40)).Ice(10).Alert()
            .Motor(MotorFinding.Tremor, FromHours(3)).Motor(MotorFinding.Hemiparesis, FromHours(2)).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal(["tremor"], assessment.LateNeurotoxicity.Select(s => s.Finding));
    }

    [Fact]
    public void TremorInsideTheIcansWindow_JoinsOtherSigns_ButRaisesNoneAlone()
    {
        var tremorOnly = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(10)).Ice(10).Alert().Motor(MotorFinding.Tremor);
        Assert.Empty(tremorOnly.Assess().LateNeurotoxicity);

        var withMicrographia = tremorOnly.LateFinding(LateNeurotoxicityFinding.Micrographia).Assess();
        Assert.Equal(["micrographia", "tremor"], withMicrographia.LateNeurotoxicity.Select(s => s.Finding).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TremorAfterTheIcansWindowOfAReinfusion_CountsFromThatReinfusion()
    {
        var options = GradingOptions.Default;
        var builder = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(90)).Infused(Products.CiltaCel, FromDays(20));

        Assert.Empty(builder.Motor(MotorFinding.Tremor, FromDays(5)).Assess(options).LateNeurotoxicity);
        Assert.Single(new FindingsBuilder().Infused(Products.CiltaCel, FromDays(90)).Infused(Products.CiltaCel, FromDays(20))
            .Motor(MotorFinding.Tremor, FromDays(40)).Assess(options).LateNeurotoxicity);
    }

    [Fact]
    public void LaterNormalEntry_ResolvesEarlierFindings_NotLaterOnes()
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(80))
            .LateFinding(LateNeurotoxicityFinding.Parkinsonism, FromDays(20))
            .LateFinding(LateNeurotoxicityFinding.NoLateNeurotoxicityFinding, FromDays(10))
            .LateFinding(LateNeurotoxicityFinding.GuillainBarreSyndrome, FromDays(2))
            .Assess();

        var sign = Assert.Single(assessment.LateNeurotoxicity);
        Assert.Equal(("guillain-barre-syndrome", LateNeurotoxicityGroup.GuillainBarreSyndrome), (sign.Finding, sign.Group));
    }

    [Fact]
    public void NormalEntry_DoesNotResolveADiagnosis()
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(80))
            .LateDiagnosis(LateNeurotoxicityFinding.GuillainBarreSyndrome, FromDays(20))
            .LateFinding(LateNeurotoxicityFinding.NoLateNeurotoxicityFinding, FromDays(10))
            .Assess();

        Assert.Equal(["guillain-barre-syndrome"], assessment.LateNeurotoxicity.Select(s => s.Finding));
        Assert.StartsWith("Condition/", assessment.LateNeurotoxicity[0].Source.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributedFinding_IsNotASign()
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(80))
            .LateFinding(LateNeurotoxicityFinding.PeripheralNeuropathy, FromDays(2), otherCause: true)
            .Motor(MotorFinding.Tremor, FromDays(2), otherCause: true)
            .Assess();

        Assert.Empty(assessment.LateNeurotoxicity);
    }

    [Fact]
    public void Signs_DoNotDependOnInputOrder()
    {
        var findings = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(80))
            .LateFinding(LateNeurotoxicityFinding.Parkinsonism, FromDays(2)).LateFinding(LateNeurotoxicityFinding.Micrographia, FromDays(2))
            .Motor(MotorFinding.Tremor, FromDays(2)).LateDiagnosis(LateNeurotoxicityFinding.Parkinsonism, FromDays(2))
            .Build();
        var reversed = findings with
        {
            LateNeurotoxicity = [.. findings.LateNeurotoxicity.Reverse()],
            LateNeurotoxicityDiagnoses = [.. findings.LateNeurotoxicityDiagnoses.Reverse()],
            Motor = [.. findings.Motor.Reverse()],
        };

        Assert.Equal(
            LateNeurotoxicityWatch.Signs(findings, FindingsBuilder.Now, GradingOptions.Default).ToArray(),
            LateNeurotoxicityWatch.Signs(reversed, FindingsBuilder.Now, GradingOptions.Default).ToArray());
    }

    [Theory]
    [InlineData(LateNeurotoxicityFinding.Parkinsonism, LateNeurotoxicityGroup.MovementAndNeurocognitive)]
    [InlineData(LateNeurotoxicityFinding.Micrographia, LateNeurotoxicityGroup.MovementAndNeurocognitive)]
    [InlineData(LateNeurotoxicityFinding.PersonalityChange, LateNeurotoxicityGroup.MovementAndNeurocognitive)]
    [InlineData(LateNeurotoxicityFinding.GuillainBarreSyndrome, LateNeurotoxicityGroup.GuillainBarreSyndrome)]
    [InlineData(LateNeurotoxicityFinding.FacialNervePalsy, LateNeurotoxicityGroup.CranialNervePalsy)]
    [InlineData(LateNeurotoxicityFinding.CranialNervePalsy, LateNeurotoxicityGroup.CranialNervePalsy)]
    [InlineData(LateNeurotoxicityFinding.PeripheralNeuropathy, LateNeurotoxicityGroup.PeripheralNeuropathy)]
    public void GroupOf_NamesWhatTheFindingBelongsTo(LateNeurotoxicityFinding finding, LateNeurotoxicityGroup group) =>
        Assert.Equal(group, LateNeurotoxicityWatch.GroupOf(finding));

    [Fact]
    public void Options_DefaultsHaveNoProblems() => Assert.Empty(GradingOptions.Default.Problems());

    [Fact]
    public void Options_AWatchShorterThanTheCarTWindowOrNotPositive_IsAProblem()
    {
        Assert.Contains(new GradingOptions { LateWatchWindow = FromDays(10) }.Problems(), p => p.StartsWith("LateWatchWindow", StringComparison.Ordinal));
        Assert.Contains(new GradingOptions { LateWatchWindow = Zero }.Problems(), p => p.StartsWith("LateWatchWindow must be longer than zero", StringComparison.Ordinal));
        Assert.Contains(new GradingOptions { AssessmentWindow = FromHours(-1) }.Problems(), p => p.StartsWith("AssessmentWindow", StringComparison.Ordinal));
    }
}
