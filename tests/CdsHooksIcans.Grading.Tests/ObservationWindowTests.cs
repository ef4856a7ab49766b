using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

public class ObservationWindowTests
{
    [Fact]
    public void Window_ObservationExactly24HoursAgo_Counts()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(5, FromHours(24)).Alert().Assess();

        Assert.Equal(2, assessment.Grade);
    }

    [Fact]
    public void Window_ObservationOlderThan24Hours_DoesNotCount()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(5, FromHours(24) + FromMinutes(1)).Alert().Assess();

        Assert.Equal(GradingStatus.Incomplete, assessment.Status);
        Assert.Equal<IcansDomain>([IcansDomain.Ice], assessment.MissingDomains);
    }

    [Fact]
    public void Window_ObservationWithinFutureTolerance_Counts()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(5, -FromMinutes(5)).Alert().Assess();

        Assert.Equal(2, assessment.Grade);
    }

    [Fact]
    public void Window_ObservationBeyondFutureTolerance_DoesNotCount()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.Hemiparesis, -FromMinutes(10)).Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Null(assessment.Domains[3].Grade);
    }

    [Fact]
    public void Window_ObservationBeforeFirstInfusion_DoesNotCount()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(60).Infused(Products.AxiCel, FromHours(6))
            .Ice(3, FromHours(8)).Ice(10, FromHours(2)).Alert(FromHours(2))
            .Seizure(SeizureFinding.SeizureResolvedRapidly, FromHours(7)).Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Null(assessment.Domains[2].Grade);
    }

    [Fact]
    public void Window_ObservationAtFirstInfusion_Counts()
    {
        var assessment = new FindingsBuilder().BornYearsAgo(60).Infused(Products.AxiCel, FromHours(6))
            .Ice(8, FromHours(6)).Alert(FromHours(6)).Assess();

        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Window_CustomAssessmentWindow_IsHonoured()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(5, FromHours(30)).Alert(FromHours(30))
            .Assess(new GradingOptions { AssessmentWindow = FromHours(36) });

        Assert.Equal(2, assessment.Grade);
    }

    [Fact]
    public void PriorGrades_AreMostRecentFirstAndNeverTheCurrentGrade()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .PriorGrade(1, FromDays(3)).PriorGrade(3, FromHours(2)).PriorGrade(null, FromDays(1)).Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Equal([3, null, 1], assessment.PriorGrades.Select(g => g.Value));
    }
}
