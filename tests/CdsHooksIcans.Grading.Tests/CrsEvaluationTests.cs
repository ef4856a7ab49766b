using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

public class CrsEvaluationTests
{
    [Fact]
    public void Crs_NoData_IsUnknown()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Assess();

        Assert.Equal(CrsState.Unknown, assessment.Crs);
    }

    [Fact]
    public void Crs_MostRecentGradeObservation_DecidesPresenceAndGrade()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().CrsGrade(2, FromHours(10)).CrsGrade(1, FromHours(2)).Assess();

        Assert.True(assessment.Crs.Present);
        Assert.Equal(1, assessment.Crs.Grade);
        Assert.Equal("Observation/2", assessment.Crs.Evidence.Single().Reference);
    }

    [Fact]
    public void Crs_GradeObservationZero_IsAbsentEvenWithActiveDiagnosis()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().CrsGrade(0).CrsDiagnosis(2, ago: FromDays(2)).Assess();

        Assert.False(assessment.Crs.Present);
        Assert.Equal(0, assessment.Crs.Grade);
    }

    [Fact]
    public void Crs_GradeObservationOutsideWindow_FallsBackToDiagnoses()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().CrsGrade(3, FromHours(30)).CrsDiagnosis(1, ago: FromDays(1)).Assess();

        Assert.True(assessment.Crs.Present);
        Assert.Equal(1, assessment.Crs.Grade);
        Assert.Equal("Condition/1", assessment.Crs.Evidence.Single().Reference);
    }

    [Fact]
    public void Crs_ActiveDiagnoses_TakeTheHighestStatedGrade()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .CrsDiagnosis(null, ago: FromDays(1)).CrsDiagnosis(2, ago: FromDays(3)).CrsDiagnosis(1, ago: FromDays(2)).Assess();

        Assert.True(assessment.Crs.Present);
        Assert.Equal(2, assessment.Crs.Grade);
        Assert.Equal(3, assessment.Crs.Evidence.Length);
    }

    [Fact]
    public void Crs_UnspecifiedGradeDiagnosis_IsPresentWithoutGrade()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().CrsDiagnosis(null, ago: FromDays(1)).Assess();

        Assert.True(assessment.Crs.Present);
        Assert.Null(assessment.Crs.Grade);
    }

    [Fact]
    public void Crs_UndatedDiagnosis_IsUnknown_NotPresentAndNotAbsent()
    {
        // An undated problem-list entry may belong to any course: the cards ask to confirm CRS instead of assuming it.
        var assessment = FindingsBuilder.AdultAfterCarT().CrsDiagnosis(2, undated: true).Assess();

        Assert.Equal(CrsStatus.Unknown, assessment.Crs.Status);
    }

    [Fact]
    public void Crs_StillActiveDiagnosisOfAnEarlierCourse_DoesNotCount()
    {
        // First course 200 days ago with CRS charted then and never resolved on the problem list; second infusion 5 days ago.
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Infused(Products.AxiCel, FromDays(200))
            .CrsDiagnosis(3, ago: FromDays(198))
            .Assess();

        Assert.Equal(CrsStatus.Unknown, assessment.Crs.Status);
    }

    [Fact]
    public void Crs_GradeZeroObservation_IsAbsent_NotUnknown()
    {
        Assert.Equal(CrsStatus.Absent, FindingsBuilder.AdultAfterCarT().CrsGrade(0).Assess().Crs.Status);
        Assert.Equal(CrsStatus.Unknown, FindingsBuilder.AdultAfterCarT().CrsGrade(0, FromHours(30)).Assess().Crs.Status);
    }

    [Fact]
    public void Crs_InactiveDiagnosis_DoesNotCount()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().CrsDiagnosis(3, active: false).Assess();

        Assert.Equal(CrsState.Unknown, assessment.Crs);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void Crs_DiagnosisMoreThanADayBeforeInfusion_DoesNotCount(int daysAgo, bool present)
    {
        // Infused 5 days ago: a diagnosis from 6 days ago is the day before; 7 days ago is an earlier episode.
        var assessment = FindingsBuilder.AdultAfterCarT().CrsDiagnosis(2, ago: FromDays(daysAgo)).Assess();

        Assert.Equal(present, assessment.Crs.Present);
    }

    [Fact]
    public void Crs_DiagnosisInTheFuture_DoesNotCount()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().CrsDiagnosis(2, ago: -FromHours(2)).Assess();

        Assert.False(assessment.Crs.Present);
    }

    [Fact]
    public void CourseStart_OfAnInfusionAtTheStartOfTime_DoesNotUnderflow()
    {
        var now = FindingsBuilder.Now;

        Assert.Equal(now - FromDays(30), Grading.Rules.CrsEvaluation.CourseStart(DateTimeOffset.MinValue, FromDays(30), now));
        Assert.Equal(now - FromDays(6), Grading.Rules.CrsEvaluation.CourseStart(now - FromDays(5), FromDays(30), now));
    }
}
