using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

public class CognitiveDomainTests
{
    [Theory]
    [InlineData(10, 0)]
    [InlineData(9, 1)]
    [InlineData(7, 1)]
    [InlineData(6, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 3)]
    [InlineData(1, 3)]
    [InlineData(0, 3)]
    public void Grade_IceAwake_FollowsAstctBands(int ice, int expected)
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(ice).Alert().Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(expected, assessment.Grade);
        Assert.Equal($"ICE {ice}/10", assessment.Domains[0].Finding);
    }

    [Fact]
    public void Grade_Ice0Unarousable_IsGrade4InBothDomains()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(0).Consciousness(ConsciousnessLevel.Unarousable).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal(4, assessment.Domains[0].Grade);
        Assert.Equal<IcansDomain>([IcansDomain.Ice, IcansDomain.Consciousness], assessment.DrivingDomains);
        Assert.Equal(["Observation/1", "Observation/2"], assessment.Domains[0].Evidence.Select(p => p.Reference));
    }

    [Fact]
    public void Grade_Ice0UnarousableFromSedation_IceStaysGrade3AndConsciousnessIsAssessed()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Ice(0).Consciousness(ConsciousnessLevel.Unarousable, otherCause: true).Assess();

        Assert.Equal(3, assessment.Domains[0].Grade);
        Assert.Equal(0, assessment.Domains[1].Grade);
        Assert.True(assessment.Domains[1].AttributedToOtherCause);
        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(3, assessment.Grade);
    }

    [Fact]
    public void Grade_IceNotDoneUnarousable_IsGrade4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(null).Consciousness(ConsciousnessLevel.Unarousable).Assess();

        Assert.Equal(4, assessment.Domains[0].Grade);
        Assert.Equal("ICE not done", assessment.Domains[0].Finding);
        Assert.Equal(4, assessment.Grade);
    }

    [Fact]
    public void Grade_IceNotDoneAwake_IsIncompleteNeverZero()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(null).Alert().Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Null(assessment.Grade);
        Assert.Equal(0, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.MissingDomains);
        Assert.Null(assessment.Domains[0].Grade);
        Assert.Equal("ICE not done", assessment.Domains[0].Finding);
    }

    [Fact]
    public void Grade_IceNotDoneAfterPerformedIce_IsIncompleteAndKeepsTheOlderScoreAsSuperseded()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Ice(5, FromHours(6)).Ice(null, FromHours(1)).Alert().Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal(0, assessment.LowerBound);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.MissingDomains);
        var ice = assessment.Domains[0];
        Assert.Equal("ICE not done", ice.Finding);
        Assert.Equal([EvidenceRole.NotDone, EvidenceRole.Superseded], ice.Trail.Select(e => e.Role));
        Assert.Equal("ICE 5/10", ice.Trail[1].Finding);
        // The superseded score decided nothing: only the attempt is evidence.
        Assert.Equal(["Observation/2"], ice.Evidence.Select(p => p.Reference));
    }

    [Fact]
    public void Grade_PerformedIceAtTheSameTimeAsANotDoneAttempt_IsTheCurrentValue()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(null, FromHours(1)).Ice(8, FromHours(1)).Alert().Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Grade_IcePerformedAfterANotDoneAttempt_IsTheCurrentValue()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(null, FromHours(6)).Ice(9, FromHours(1)).Alert().Assess();

        Assert.Equal(1, assessment.Grade);
        Assert.Equal([EvidenceRole.Counts], assessment.Domains[0].Trail.Select(e => e.Role));
    }

    [Fact]
    public void Tool_OlderCapdDoesNotCoverANewerIceNotDone()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Capd(0, FromHours(8)).Ice(null, FromHours(1)).Alert().Assess();

        Assert.Equal(IcansDomain.Ice, assessment.CognitiveTool);
        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
    }

    [Fact]
    public void Tool_CapdAfterANotDoneIce_IsUsed()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(null, FromHours(8)).Capd(4, FromHours(1)).Alert().Assess();

        Assert.Equal(IcansDomain.Capd, assessment.CognitiveTool);
        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Grade_MostRecentIce_IsTheCurrentValue()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(2, FromHours(10)).Ice(10, FromHours(2)).Alert().Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Empty(assessment.DrivingDomains);
    }

    [Fact]
    public void Grade_TwoIceAtTheSameTime_UsesTheWorse()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(9, FromHours(1)).Ice(4, FromHours(1)).Alert().Assess();

        Assert.Equal(2, assessment.Grade);
    }

    [Fact]
    public void Grade_IceOutOfRange_IsNotEvidence()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(11).Alert().Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.MissingDomains);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 3)]
    [InlineData(32, 3)]
    public void Grade_CapdInChild_FollowsPediatricBands(int capd, int expected)
    {
        var assessment = new FindingsBuilder().BornYearsAgo(7).Infused(Products.TisaCel, FromDays(4))
            .Capd(capd).Alert().Assess();

        Assert.Equal(IcansDomain.Capd, assessment.CognitiveTool);
        Assert.Equal(expected, assessment.Grade);
        Assert.Equal($"CAPD {capd}", assessment.Domains[0].Finding);
    }

    [Fact]
    public void Grade_Capd5AwakensToVoice_IsGrade2ThroughConsciousness()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(7).Infused(Products.TisaCel, FromDays(4))
            .Capd(5).Consciousness(ConsciousnessLevel.AwakensToVoice).Assess();

        Assert.Equal(2, assessment.Grade);
        Assert.Equal<IcansDomain>([IcansDomain.Consciousness], assessment.DrivingDomains);
    }

    [Fact]
    public void Grade_CapdNotDoneUnarousable_IsGrade4()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(7).Infused(Products.TisaCel, FromDays(4))
            .Capd(null).Consciousness(ConsciousnessLevel.Unarousable).Assess();

        Assert.Equal(4, assessment.Domains[0].Grade);
        Assert.Equal("CAPD not done", assessment.Domains[0].Finding);
    }

    [Fact]
    public void Tool_DayBeforeTwelfthBirthday_IsCapd()
    {
        var birth = DateOnly.FromDateTime(FindingsBuilder.Now.DateTime).AddYears(-12).AddDays(1);
        var assessment = new FindingsBuilder().BornOn(birth).Infused(Products.TisaCel, FromDays(4)).Assess();

        Assert.Equal(11, assessment.AgeYears);
        Assert.Equal(IcansDomain.Capd, assessment.CognitiveTool);
    }

    [Fact]
    public void Tool_OnTwelfthBirthday_IsIce()
    {
        var birth = DateOnly.FromDateTime(FindingsBuilder.Now.DateTime).AddYears(-12);
        var assessment = new FindingsBuilder().BornOn(birth).Infused(Products.TisaCel, FromDays(4)).Assess();

        Assert.Equal(12, assessment.AgeYears);
        Assert.Equal(IcansDomain.Ice, assessment.CognitiveTool);
    }

    [Fact]
    public void Tool_BirthDateUnknown_IsIce()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, FromDays(4)).Capd(3).Ice(8).Alert().Assess();

        Assert.Null(assessment.AgeYears);
        Assert.Equal(IcansDomain.Ice, assessment.CognitiveTool);
        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Tool_AdultWithOnlyCapd_UsesCapd()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Capd(12).Alert().Assess();

        Assert.Equal(IcansDomain.Capd, assessment.CognitiveTool);
        Assert.Equal(3, assessment.Grade);
        Assert.Equal(IcansDomain.Capd, assessment.Domains[0].Domain);
    }

    [Fact]
    public void Tool_AdultWithIceNotDoneAndCapd_UsesCapd()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(null).Capd(4).Alert().Assess();

        Assert.Equal(IcansDomain.Capd, assessment.CognitiveTool);
        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Tool_ChildWithOnlyIce_UsesIce()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(9).Infused(Products.TisaCel, FromDays(4))
            .Ice(6).Alert().Assess();

        Assert.Equal(IcansDomain.Ice, assessment.CognitiveTool);
        Assert.Equal(2, assessment.Grade);
    }

    [Fact]
    public void Tool_AdultIceAttributedToOtherCause_DoesNotFallBackToCapd()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(3, otherCause: true).Capd(20).Alert().Assess();

        Assert.Equal(IcansDomain.Ice, assessment.CognitiveTool);
        Assert.True(assessment.Domains[0].AttributedToOtherCause);
        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(0, assessment.Grade);
    }

    [Fact]
    public void Tool_ChildWithNothing_ReportsCapdMissing()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(5).Infused(Products.TisaCel, FromDays(4)).Alert().Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal<IcansDomain>([IcansDomain.Capd], assessment.MissingDomains);
    }
}
