using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

public class MonitoringWindowsTests
{
    [Fact]
    public void Monitoring_NoExposure_IsNotIecPatientWithoutCard()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(40).Ice(2).Alert().Assess();

        Assert.Equal(MonitoringState.NotIecPatient, assessment.Monitoring);
        Assert.False(assessment.ShowGradingCard);
        Assert.Null(assessment.Therapy);
        Assert.Equal(5, assessment.Domains.Length);
    }

    [Theory]
    [InlineData(29, MonitoringState.InWindow)]
    [InlineData(30, MonitoringState.InWindow)]
    [InlineData(31, MonitoringState.OutsideWindow)]
    public void Monitoring_CarT_WindowEndsThirtyDaysAfterInfusionInclusive(int daysAgo, MonitoringState expected)
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, FromDays(daysAgo)).Assess();

        Assert.Equal(expected, assessment.Monitoring);
    }

    [Fact]
    public void Monitoring_CarTOneTickAfterWindow_IsOutside()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, FromDays(30) + FromTicks(1)).Assess();

        Assert.Equal(MonitoringState.OutsideWindow, assessment.Monitoring);
    }

    [Theory]
    [InlineData(14, MonitoringState.InWindow)]
    [InlineData(15, MonitoringState.OutsideWindow)]
    public void Monitoring_TCellEngager_WindowEndsFourteenDaysAfterDose(int daysAgo, MonitoringState expected)
    {
        var assessment = new FindingsBuilder().Infused(Products.Teclistamab, FromDays(daysAgo)).Assess();

        Assert.Equal(expected, assessment.Monitoring);
    }

    [Fact]
    public void Monitoring_TCellEngagerRedosed_CountsFromMostRecentDose()
    {
        var assessment = new FindingsBuilder()
            .Infused(Products.Teclistamab, FromDays(40))
            .Infused(Products.Teclistamab, FromDays(10))
            .Infused(Products.Teclistamab, FromDays(33))
            .Assess();

        Assert.Equal(MonitoringState.InWindow, assessment.Monitoring);
        Assert.Equal(10, assessment.DaysSinceInfusion);
        Assert.Equal("MedicationAdministration/2", assessment.Therapy!.Source);
    }

    [Fact]
    public void Monitoring_SplitDoseCarT_CountsFromMostRecentInfusion()
    {
        var assessment = new FindingsBuilder()
            .Infused(Products.CarTOther, FromDays(45))
            .Infused(Products.CarTOther, FromDays(28))
            .Assess();

        Assert.Equal(MonitoringState.InWindow, assessment.Monitoring);
    }

    [Fact]
    public void Monitoring_CarTWindowOverAndEngagerWindowOpen_IsInWindow()
    {
        var assessment = new FindingsBuilder()
            .Infused(Products.AxiCel, FromDays(60))
            .Infused(Products.Teclistamab, FromDays(3))
            .Assess();

        Assert.Equal(MonitoringState.InWindow, assessment.Monitoring);
        Assert.Equal(Products.Teclistamab, assessment.Therapy!.Product);
    }

    [Theory]
    [InlineData(31, MonitoringState.LateWatch)]
    [InlineData(101, MonitoringState.LateWatch)]
    [InlineData(365, MonitoringState.LateWatch)]
    [InlineData(366, MonitoringState.OutsideWindow)]
    public void Monitoring_BcmaCarTAfterWindow_IsLateWatchUpToOneYear(int daysAgo, MonitoringState expected)
    {
        var assessment = new FindingsBuilder().Infused(Products.CiltaCel, FromDays(daysAgo)).Assess();

        Assert.Equal(expected, assessment.Monitoring);
    }

    [Fact]
    public void Monitoring_Cd19CarTAfterWindow_HasNoLateWatch()
    {
        var assessment = new FindingsBuilder().Infused(Products.TisaCel, FromDays(50)).Assess();

        Assert.Equal(MonitoringState.OutsideWindow, assessment.Monitoring);
    }

    [Fact]
    public void Monitoring_OnlyUndatedHistory_IsInfusionDateUnknown()
    {
        var assessment = new FindingsBuilder().Infused(Products.CarTOther, null).Assess();

        Assert.Equal(MonitoringState.InfusionDateUnknown, assessment.Monitoring);
        Assert.Null(assessment.DaysSinceInfusion);
        Assert.Equal(Products.CarTOther, assessment.Therapy!.Product);
    }

    [Fact]
    public void Monitoring_UndatedHistoryAndDatedInfusion_UsesTheDatedInfusion()
    {
        var assessment = new FindingsBuilder()
            .Infused(Products.CarTOther, null)
            .Infused(Products.AxiCel, FromDays(3))
            .Assess();

        Assert.Equal(MonitoringState.InWindow, assessment.Monitoring);
        Assert.Equal(Products.AxiCel, assessment.Therapy!.Product);
        Assert.Equal(3, assessment.DaysSinceInfusion);
    }

    [Fact]
    public void Monitoring_ExposureBeyondFutureTolerance_IsIgnored()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, -FromMinutes(6)).Assess();

        Assert.Equal(MonitoringState.NotIecPatient, assessment.Monitoring);
    }

    [Fact]
    public void Monitoring_ExposureWithinFutureTolerance_CountsWithZeroDays()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, -FromMinutes(4)).Assess();

        Assert.Equal(MonitoringState.InWindow, assessment.Monitoring);
        Assert.Equal(0, assessment.DaysSinceInfusion);
    }

    [Fact]
    public void DaysSinceInfusion_IsWholeDays()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, FromDays(5) + FromHours(23)).Assess();

        Assert.Equal(5, assessment.DaysSinceInfusion);
    }

    [Fact]
    public void Monitoring_CustomWindow_IsHonoured()
    {
        var assessment = new FindingsBuilder().Infused(Products.AxiCel, FromDays(40))
            .Assess(new GradingOptions { CarTWindow = FromDays(42) });

        Assert.Equal(MonitoringState.InWindow, assessment.Monitoring);
    }
}
