using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Grading.Tests;

public class CompletenessTests
{
    [Fact]
    public void Grade_NothingObserved_IsIncompleteWithLowerBoundZero()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Null(assessment.Grade);
        Assert.Equal(0, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.Ice, IcansDomain.Consciousness], assessment.MissingDomains);
        Assert.Empty(assessment.DrivingDomains);
    }

    [Fact]
    public void Grade_IceWithoutConsciousness_IsIncompleteWithIceAsLowerBound()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(5).Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal(2, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.Consciousness], assessment.MissingDomains);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.DrivingDomains);
    }

    [Fact]
    public void Grade_Ice10WithoutConsciousness_IsNeverASilentZero()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Null(assessment.Grade);
    }

    [Fact]
    public void Grade_Ice2WithoutConsciousness_IsIncompleteBecauseUnarousableCouldMakeIt4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(2).Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal(3, assessment.LowerBound);
    }

    [Fact]
    public void Grade_SeizureGrade3ConsciousnessDocumentedIceMissing_IsGraded3()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Consciousness(ConsciousnessLevel.AwakensToVoice).Seizure(SeizureFinding.SeizureResolvedRapidly).Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(3, assessment.Grade);
        Assert.Empty(assessment.MissingDomains);
    }

    [Fact]
    public void Grade_FocalEdemaWithoutConsciousness_IsIncompleteWithLowerBound3()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(6).IcpEdema(IcpEdemaFinding.FocalEdema).Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal(3, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.IcpEdema], assessment.DrivingDomains);
    }

    [Fact]
    public void Grade_Grade4FindingWithNothingElse_IsGraded4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Motor(MotorFinding.Paraparesis).Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(4, assessment.Grade);
        Assert.Equal<IcansDomain>([IcansDomain.Motor], assessment.DrivingDomains);
        Assert.Empty(assessment.MissingDomains);
    }

    [Fact]
    public void Grade_UnarousableWithoutIce_IsGraded4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Consciousness(ConsciousnessLevel.Unarousable).Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(4, assessment.Grade);
    }

    [Fact]
    public void Grade_ConsciousnessOnly_IsIncompleteWithItsGradeAsLowerBound()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Consciousness(ConsciousnessLevel.AwakensToVoice).Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal(2, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.MissingDomains);
    }

    [Fact]
    public void Grade_ConsciousnessAttributedToOtherCause_IsAssessedAndTheOtherDomainsDecide()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(8)
            .Consciousness(ConsciousnessLevel.AwakensToTactile, otherCause: true).Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(1, assessment.Grade);
        Assert.Empty(assessment.MissingDomains);
        Assert.True(assessment.Domains[1].AttributedToOtherCause);
        Assert.Equal("awakens-to-tactile", assessment.Domains[1].Finding);
        Assert.Single(assessment.Domains[1].Evidence);
    }

    [Fact]
    public void Grade_ExcludedConsciousnessWithFocalEdema_IsGraded3()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(7)
            .Consciousness(ConsciousnessLevel.Unarousable, otherCause: true).IcpEdema(IcpEdemaFinding.FocalEdema).Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(3, assessment.Grade);
    }

    [Fact]
    public void Grade_SedatedPatientWithoutIce_IsIncompleteWithIceMissing()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Consciousness(ConsciousnessLevel.Unarousable, otherCause: true).Ice(null).Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal(0, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.MissingDomains);
    }

    [Fact]
    public void Grade_ExcludedConsciousnessWithGrade4Finding_IsGraded4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(7)
            .Consciousness(ConsciousnessLevel.Unarousable, otherCause: true).IcpEdema(IcpEdemaFinding.Papilledema).Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(4, assessment.Grade);
    }
}
