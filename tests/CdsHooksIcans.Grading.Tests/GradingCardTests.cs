using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

public class GradingCardTests
{
    [Fact]
    public void Card_InWindow_IsShownEvenAtGrade0()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().Assess();

        Assert.True(assessment.ShowGradingCard);
        Assert.False(assessment.LateOnset);
    }

    [Fact]
    public void Card_InWindowWithoutData_IsShownAsIncomplete()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Assess();

        Assert.True(assessment.ShowGradingCard);
        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
    }

    [Fact]
    public void Card_OutsideWindowNormal_IsNotShown()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.AxiCel, FromDays(60)).Ice(10).Alert().Assess();

        Assert.False(assessment.ShowGradingCard);
        Assert.False(assessment.LateOnset);
    }

    [Fact]
    public void Card_OutsideWindowAbnormal_IsShownAsLateOnset()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.AxiCel, FromDays(60)).Ice(8).Alert().Assess();

        Assert.True(assessment.ShowGradingCard);
        Assert.True(assessment.LateOnset);
        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Card_OutsideWindowIncompleteWithAbnormalLowerBound_IsShownAsLateOnset()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.AxiCel, FromDays(60))
            .Consciousness(ConsciousnessLevel.AwakensSpontaneously).Assess();

        Assert.True(assessment.ShowGradingCard);
        Assert.True(assessment.LateOnset);
        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
    }

    [Fact]
    public void Card_LateWatchNormal_IsNotShown()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.CiltaCel, FromDays(70)).Ice(10).Alert().Assess();

        Assert.Equal(MonitoringState.LateWatch, assessment.Monitoring);
        Assert.False(assessment.ShowGradingCard);
    }

    [Fact]
    public void Card_LateWatchWithCranialNervePalsy_IsShownAsLateOnset()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.CiltaCel, FromDays(70))
            .IcpEdema(IcpEdemaFinding.CranialNerveViPalsy).Assess();

        Assert.Equal(MonitoringState.LateWatch, assessment.Monitoring);
        Assert.True(assessment.ShowGradingCard);
        Assert.True(assessment.LateOnset);
        Assert.Equal(4, assessment.Grade);
    }

    [Fact]
    public void Card_InfusionDateUnknownWithObservation_IsShown()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.CarTOther, null).Ice(10).Alert().Assess();

        Assert.Equal(MonitoringState.InfusionDateUnknown, assessment.Monitoring);
        Assert.True(assessment.ShowGradingCard);
        Assert.False(assessment.LateOnset);
    }

    [Fact]
    public void Card_InfusionDateUnknownWithoutObservation_IsNotShown()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Infused(Products.CarTOther, null).Ice(4, FromDays(3)).Assess();

        Assert.False(assessment.ShowGradingCard);
    }

    [Fact]
    public void Card_NotIecPatientWithAbnormalFinding_IsNotShown()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(50).Ice(2).Alert().Assess();

        Assert.Equal(MonitoringState.NotIecPatient, assessment.Monitoring);
        Assert.False(assessment.ShowGradingCard);
        Assert.False(assessment.LateOnset);
    }
}
