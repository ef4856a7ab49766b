using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

public class DomainRulesTests
{
    [Theory]
    [InlineData(ConsciousnessLevel.Alert, 0, "alert")]
    [InlineData(ConsciousnessLevel.AwakensSpontaneously, 1, "awakens-spontaneously")]
    [InlineData(ConsciousnessLevel.AwakensToVoice, 2, "awakens-to-voice")]
    [InlineData(ConsciousnessLevel.AwakensToTactile, 3, "awakens-to-tactile")]
    [InlineData(ConsciousnessLevel.Unarousable, 4, "unarousable")]
    public void Grade_Consciousness_FollowsAstctCells(ConsciousnessLevel level, int expected, string finding)
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Consciousness(level).Assess();

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(finding, assessment.Domains[1].Finding);
    }

    [Theory]
    [InlineData(SeizureFinding.NoSeizure, 0, "no-seizure")]
    [InlineData(SeizureFinding.SeizureResolvedRapidly, 3, "seizure-resolved-rapidly")]
    [InlineData(SeizureFinding.NonconvulsiveSeizureResolved, 3, "nonconvulsive-seizure-resolved")]
    [InlineData(SeizureFinding.ProlongedSeizure, 4, "prolonged-seizure")]
    [InlineData(SeizureFinding.RepetitiveSeizures, 4, "repetitive-seizures")]
    public void Grade_Seizure_FollowsAstctCells(SeizureFinding seizure, int expected, string finding)
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().Seizure(seizure).Assess();

        Assert.Equal(expected, assessment.Grade);
        Assert.Equal(finding, assessment.Domains[2].Finding);
    }

    [Theory]
    [InlineData(MotorFinding.NoMotorFinding, 0)]
    [InlineData(MotorFinding.Tremor, 0)]
    [InlineData(MotorFinding.Myoclonus, 0)]
    [InlineData(MotorFinding.Hemiparesis, 4)]
    [InlineData(MotorFinding.Paraparesis, 4)]
    public void Grade_Motor_TremorAndMyoclonusNeverRaise(MotorFinding motor, int expected)
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().Motor(motor).Assess();

        Assert.Equal(expected, assessment.Grade);
    }

    [Theory]
    [InlineData(IcpEdemaFinding.NoEdema, 0)]
    [InlineData(IcpEdemaFinding.FocalEdema, 3)]
    [InlineData(IcpEdemaFinding.DiffuseEdema, 4)]
    [InlineData(IcpEdemaFinding.Posturing, 4)]
    [InlineData(IcpEdemaFinding.CranialNerveViPalsy, 4)]
    [InlineData(IcpEdemaFinding.Papilledema, 4)]
    [InlineData(IcpEdemaFinding.CushingTriad, 4)]
    [InlineData(IcpEdemaFinding.IntracranialHemorrhage, 0)]
    public void Grade_IcpEdema_FollowsAstctCells(IcpEdemaFinding finding, int expected)
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().IcpEdema(finding).Assess();

        Assert.Equal(expected, assessment.Grade);
    }

    [Fact]
    public void Grade_IntracranialHemorrhage_SaysItIsExcluded()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(8).Alert().IcpEdema(IcpEdemaFinding.IntracranialHemorrhage).Assess();

        Assert.Equal(1, assessment.Grade);
        Assert.Equal(0, assessment.Domains[4].Grade);
        Assert.Contains("not an ICANS feature", assessment.Domains[4].Finding, StringComparison.Ordinal);
        Assert.StartsWith("intracranial-hemorrhage", assessment.Domains[4].Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Grade_CranialNerveVi_UsesKebabCode()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().IcpEdema(IcpEdemaFinding.CranialNerveViPalsy).Assess();

        Assert.Equal("cranial-nerve-vi-palsy", assessment.Domains[4].Finding);
    }

    [Fact]
    public void Grade_Ice3WithSeizure_IsGrade3AsInTheAstctExample()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(3).Alert().Seizure(SeizureFinding.SeizureResolvedRapidly).Assess();

        Assert.Equal(3, assessment.Grade);
        Assert.Equal<IcansDomain>([IcansDomain.Seizure], assessment.DrivingDomains);
    }

    [Fact]
    public void Grade_WorstDomain_ListsEveryDomainAtThatGrade()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Ice(2).Consciousness(ConsciousnessLevel.AwakensToVoice).IcpEdema(IcpEdemaFinding.FocalEdema).Assess();

        Assert.Equal(3, assessment.Grade);
        Assert.Equal<IcansDomain>([IcansDomain.Ice, IcansDomain.IcpEdema], assessment.DrivingDomains);
        Assert.Equal(["Observation/1", "Observation/2", "Observation/3"], assessment.Evidence.Select(p => p.Reference));
    }

    [Fact]
    public void Domains_AreInAstctOrderWithEmptyDomainsUngraded()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().Assess();

        Assert.Equal(
            [IcansDomain.Ice, IcansDomain.Consciousness, IcansDomain.Seizure, IcansDomain.Motor, IcansDomain.IcpEdema],
            assessment.Domains.Select(d => d.Domain));
        Assert.All(assessment.Domains.Skip(2), d => Assert.Null(d.Grade));
        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(0, assessment.Grade);
    }

    [Fact]
    public void Grade_MostRecentConsciousness_IsCurrent()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Ice(10).Consciousness(ConsciousnessLevel.AwakensToTactile, FromHours(8)).Alert(FromHours(1)).Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Equal("Observation/3", assessment.Domains[1].Evidence.Single().Reference);
    }

    [Fact]
    public void Grade_MostRecentMotor_IsCurrent()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.NoMotorFinding, FromHours(3)).Motor(MotorFinding.Hemiparesis, FromHours(1)).Assess();

        Assert.Equal(4, assessment.Grade);
    }

    [Fact]
    public void Grade_ResolvedSeizureEarlierInWindow_StillCounts()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Seizure(SeizureFinding.ProlongedSeizure, FromHours(20)).Seizure(SeizureFinding.NoSeizure, FromHours(1)).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal("Observation/3", assessment.Domains[2].Evidence.Single().Reference);
    }

    [Fact]
    public void Grade_SeizureAttributedToOtherCause_LeavesTheWorstNonAttributed()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Seizure(SeizureFinding.RepetitiveSeizures, FromHours(4), otherCause: true)
            .Seizure(SeizureFinding.SeizureResolvedRapidly, FromHours(2)).Assess();

        Assert.Equal(3, assessment.Grade);
        Assert.False(assessment.Domains[2].AttributedToOtherCause);
    }

    [Fact]
    public void Grade_OnlySeizureAttributedToOtherCause_IsExcludedWithEvidence()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Seizure(SeizureFinding.ProlongedSeizure, otherCause: true).Assess();

        var seizure = assessment.Domains[2];
        Assert.Equal(0, assessment.Grade);
        Assert.Equal(0, seizure.Grade);
        Assert.True(seizure.AttributedToOtherCause);
        Assert.Equal("prolonged-seizure", seizure.Finding);
        Assert.Single(seizure.Evidence);
    }

    [Fact]
    public void Grade_MotorAttributedToOtherCause_DoesNotCount()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(9).Alert().Motor(MotorFinding.Hemiparesis, otherCause: true).Assess();

        Assert.Equal(1, assessment.Grade);
        Assert.True(assessment.Domains[3].AttributedToOtherCause);
        Assert.Equal(0, assessment.Domains[3].Grade);
    }

    [Fact]
    public void Grade_EdemaAttributedToOtherCause_DoesNotCount()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().IcpEdema(IcpEdemaFinding.DiffuseEdema, otherCause: true).Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.True(assessment.Domains[4].AttributedToOtherCause);
    }

    [Fact]
    public void Grade_LaterAttributedEntry_DoesNotClearAnEarlierFindingThatCounts()
    {
        // Attributing a finding already charted is done by amending that entry; a new attributed entry clears nothing.
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.Hemiparesis, FromHours(5)).Motor(MotorFinding.Hemiparesis, FromHours(1), otherCause: true).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.False(assessment.Domains[3].AttributedToOtherCause);
        Assert.Equal([EvidenceRole.Counts, EvidenceRole.AttributedToOtherCause], assessment.Domains[3].Trail.Select(e => e.Role));
    }

    [Fact]
    public void Grade_IceAttributedToOtherCause_IsAssessedAndContributesZero()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(4, otherCause: true).Alert().Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(0, assessment.Grade);
        Assert.Empty(assessment.MissingDomains);
        Assert.True(assessment.Domains[0].AttributedToOtherCause);
        Assert.Equal("ICE 4/10", assessment.Domains[0].Finding);
        Assert.Equal(2, assessment.Domains[0].Excluded.Single().Grade);
    }
}
