using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;
using static System.TimeSpan;

namespace CdsHooksIcans.Grading.Tests;

/// <summary>
/// The chart as a time series (data contract v2 §3): findings persist until their resolution is charted, scales follow
/// their latest value, a newer attempt not done is not covered by an older score, and attribution is an assessment.
/// </summary>
public class TimeSeriesTests
{
    [Fact]
    public void Motor_HemiparesisThenTremor_StaysGrade4AndNamesTheTremorAsNotResolving()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(9).Alert()
            .Motor(MotorFinding.Hemiparesis, FromHours(4)).Motor(MotorFinding.Tremor, FromHours(2)).Assess();

        Assert.Equal(4, assessment.Grade);
        var motor = assessment.Domains[3];
        Assert.Equal("hemiparesis", motor.Finding);
        Assert.Equal([EvidenceRole.Counts, EvidenceRole.NotResolving], motor.Trail.Select(e => e.Role));
        Assert.Equal(["Observation/3"], motor.Evidence.Select(p => p.Reference));
    }

    [Fact]
    public void IcpEdema_PapilledemaThenIntracranialHemorrhage_StaysGrade4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .IcpEdema(IcpEdemaFinding.Papilledema, FromHours(6)).IcpEdema(IcpEdemaFinding.IntracranialHemorrhage, FromHours(1)).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal("papilledema", assessment.Domains[4].Finding);
        Assert.Equal<IcansDomain>([IcansDomain.IcpEdema], assessment.DrivingDomains);
    }

    [Fact]
    public void Motor_ResolutionChartedLater_ClearsTheFindingAndIsEvidence()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.Hemiparesis, FromHours(8)).Motor(MotorFinding.NoMotorFinding, FromHours(2)).Assess();

        Assert.Equal(0, assessment.Grade);
        var motor = assessment.Domains[3];
        Assert.Equal(0, motor.Grade);
        Assert.Equal("no-motor-finding", motor.Finding);
        Assert.Equal([EvidenceRole.Resolved, EvidenceRole.Resolution], motor.Trail.Select(e => e.Role));
        Assert.Equal("Observation/4", motor.Trail[0].ResolvedBy!.Reference);
        Assert.Equal(["Observation/4"], motor.Evidence.Select(p => p.Reference));
    }

    [Fact]
    public void Motor_ResolutionAtTheSameTime_DoesNotClear()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.NoMotorFinding, FromHours(2)).Motor(MotorFinding.Paraparesis, FromHours(2)).Assess();

        Assert.Equal(4, assessment.Grade);
    }

    [Fact]
    public void Motor_FindingAfterItsResolution_IsCurrentAgain()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.Hemiparesis, FromHours(10)).Motor(MotorFinding.NoMotorFinding, FromHours(6))
            .Motor(MotorFinding.Hemiparesis, FromHours(1)).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal([EvidenceRole.Counts, EvidenceRole.Resolved, EvidenceRole.Resolution], assessment.Domains[3].Trail.Select(e => e.Role));
    }

    [Fact]
    public void IcpEdema_ADifferentMilderFindingLater_DoesNotClearTheWorseOne()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .IcpEdema(IcpEdemaFinding.DiffuseEdema, FromHours(10)).IcpEdema(IcpEdemaFinding.FocalEdema, FromHours(1)).Assess();

        Assert.Equal(4, assessment.Grade);
        Assert.Equal("diffuse-edema", assessment.Domains[4].Finding);
        Assert.Equal(2, assessment.Domains[4].Evidence.Length);
    }

    [Fact]
    public void Motor_AttributedNormalEntry_StillChartsTheResolution()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert()
            .Motor(MotorFinding.Paraparesis, FromHours(10)).Motor(MotorFinding.NoMotorFinding, FromHours(1), otherCause: true).Assess();

        Assert.Equal(0, assessment.Grade);
    }

    [Fact]
    public void Motor_FindingOutsideTheWindow_IsNotCurrent()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10).Alert().Motor(MotorFinding.Hemiparesis, FromHours(25)).Assess();

        Assert.Equal(0, assessment.Grade);
        Assert.Null(assessment.Domains[3].Grade);
    }

    [Fact]
    public void Consciousness_Improving_IsBelieved()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10)
            .Consciousness(ConsciousnessLevel.AwakensToTactile, FromHours(12)).Consciousness(ConsciousnessLevel.AwakensSpontaneously, FromHours(1)).Assess();

        Assert.Equal(1, assessment.Grade);
    }

    [Fact]
    public void Attribution_CarriesTheChartedCauseIntoTheTrail()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(9)
            .Consciousness(ConsciousnessLevel.AwakensToVoice, otherCause: true, comment: "propofol sedation").Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(1, assessment.Grade);
        var excluded = Assert.Single(assessment.Domains[1].Excluded);
        Assert.Equal("awakens-to-voice", excluded.Finding);
        Assert.Equal(2, excluded.Grade);
        Assert.Equal("propofol sedation", excluded.Comment);
    }

    [Fact]
    public void Attribution_EveryAbnormalFindingAttributed_IsGrade0()
    {
        var assessment = FindingsBuilder.AdultAfterCarT()
            .Ice(5, otherCause: true, comment: "hypoglycemia 2.1 mmol/L")
            .Consciousness(ConsciousnessLevel.AwakensSpontaneously, otherCause: true, comment: "hypoglycemia").Assess();

        Assert.Equal(GradingStatus.Graded, assessment.Status);
        Assert.Equal(0, assessment.Grade);
        Assert.Empty(assessment.DrivingDomains);
        Assert.Equal(2, assessment.Domains.SelectMany(d => d.Excluded).Count());
    }

    [Fact]
    public void NotDone_CarriesItsReasonAndTheUnarousableStateWhenGrade4()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10, FromHours(20)).Ice(null, FromHours(1), comment: "patient unresponsive")
            .Consciousness(ConsciousnessLevel.Unarousable).Assess();

        Assert.Equal(4, assessment.Grade);
        var ice = assessment.Domains[0];
        Assert.Equal([EvidenceRole.NotDone, EvidenceRole.Superseded, EvidenceRole.Corroborates], ice.Trail.Select(e => e.Role));
        Assert.Equal("patient unresponsive", ice.NotDone!.Comment);
    }

    [Fact]
    public void Schedule_AttemptNotDone_IsNotAnAssessment()
    {
        var assessment = FindingsBuilder.AdultAfterCarT().Ice(10, FromHours(20)).Ice(null, FromHours(1)).Alert().Assess();

        Assert.Equal(FindingsBuilder.Now - FromHours(20), CognitiveAssessmentSchedule.LastAssessment(assessment));
        Assert.True(CognitiveAssessmentSchedule.IsOverdue(assessment, FindingsBuilder.Now));
    }
}
