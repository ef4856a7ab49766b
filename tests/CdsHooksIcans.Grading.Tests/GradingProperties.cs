using System.Collections.Immutable;
using System.Text.Json;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CdsHooksIcans.Grading.Tests;

/// <summary>A generated patient, printed compactly when a property fails.</summary>
public sealed record Scenario(PatientFindings Findings)
{
    public override string ToString() => JsonSerializer.Serialize(Findings);
}

/// <summary>
/// Generators over the findings model. Times come from a few fixed points (both edges of the 24 h window and of the
/// 5 min future tolerance among them), so window edges and simultaneous observations come up often.
/// </summary>
public static class FindingsArbitraries
{
    private static readonly DateTimeOffset Now = FindingsBuilder.Now;

    public static Arbitrary<Scenario> Scenarios() => Arb.From(ScenarioGen);

    private static Gen<Scenario> ScenarioGen =>
        from birth in Gen.Elements<DateOnly?>(null, new DateOnly(1970, 3, 1), new DateOnly(2019, 6, 1), new DateOnly(2014, 1, 15), new DateOnly(2014, 1, 16))
        from exposures in ListOf(ExposureGen, 2)
        from ice in ListOf(Observation(Gen.Frequency((1, Gen.Constant<int?>(null)), (5, Gen.Choose(0, 10).Select(v => (int?)v)))), 3)
        from capd in ListOf(Observation(Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 32).Select(v => (int?)v)))), 2)
        from consciousness in ListOf(Observation(EnumGen<ConsciousnessLevel>()), 3)
        from seizures in ListOf(Observation(EnumGen<SeizureFinding>()), 2)
        from motor in ListOf(Observation(EnumGen<MotorFinding>()), 2)
        from edema in ListOf(Observation(EnumGen<IcpEdemaFinding>()), 2)
        from crs in ListOf(Observation(Gen.Choose(0, 4)), 2)
        select new Scenario(new PatientFindings(
            "Patient/p1", birth, exposures,
            Numbered("ice", ice), Numbered("capd", capd), Numbered("loc", consciousness), Numbered("seizure", seizures),
            Numbered("motor", motor), Numbered("edema", edema), Numbered("crs", crs), [], []));

    private static Gen<IecExposure> ExposureGen =>
        from product in Gen.Elements(Products.AxiCel, Products.CiltaCel, Products.Teclistamab, Products.CarTOther)
        from days in Gen.Frequency((1, Gen.Constant<int?>(null)), (6, Gen.Choose(0, 110).Select(d => (int?)d)))
        from source in Gen.Choose(1, 1000)
        select new IecExposure(product, days is { } d ? Now.AddDays(-d) : null, $"MedicationAdministration/{source}");

    private static Gen<Observed<T>> Observation<T>(Gen<T> value) =>
        from v in value
        from minutes in Gen.Elements(-30 * 60, -24 * 60, -(24 * 60) - 1, -12 * 60, -6 * 60, -60, 0, 5, 6, 30)
        from otherCause in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new Observed<T>(v, new Provenance(string.Empty, Now.AddMinutes(minutes)), otherCause);

    private static Gen<T> EnumGen<T>()
        where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static Gen<ImmutableArray<T>> ListOf<T>(Gen<T> item, int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ListOf(item, n)).Select(items => items.ToImmutableArray());

    // Unique references, so that the only ties left are the ones the engine must break itself.
    private static ImmutableArray<Observed<T>> Numbered<T>(string prefix, ImmutableArray<Observed<T>> observations) =>
        [.. observations.Select((o, i) => o with { Source = o.Source with { Reference = $"Observation/{prefix}-{i}" } })];
}

[Properties(Arbitrary = [typeof(FindingsArbitraries)], MaxTest = 400)]
public class GradingProperties
{
    private static readonly DateTimeOffset Now = FindingsBuilder.Now;

    [Property]
    public bool Grade_IsNeverBelowTheLowerBoundNorAnyCountingDomain(Scenario scenario)
    {
        var a = IcansGrader.Assess(scenario.Findings, Now);
        var highestDomain = a.Domains.Max(d => d.Grade) ?? 0;
        return a.Status == GradingStatus.Graded
            ? a.Grade == a.LowerBound && a.LowerBound == highestDomain && a.MissingDomains.IsEmpty
            : a.Grade is null && a.LowerBound == highestDomain && a.LowerBound < 4 && !a.MissingDomains.IsEmpty;
    }

    [Property]
    public bool Worsening_OneObservation_NeverLowersTheGradeOrLowerBound(Scenario scenario, NonNegativeInt pick, NonNegativeInt choice)
    {
        var before = IcansGrader.Assess(scenario.Findings, Now);
        var after = IcansGrader.Assess(Mutations.Worsen(scenario.Findings, pick.Get, choice.Get), Now);
        return after.LowerBound >= before.LowerBound;
    }

    [Property]
    public bool Attributing_OneObservationToOtherCause_NeverRaisesTheGradeOrLowerBound(Scenario scenario, NonNegativeInt pick)
    {
        var before = IcansGrader.Assess(scenario.Findings, Now);
        var after = IcansGrader.Assess(Mutations.Attribute(scenario.Findings, pick.Get), Now);
        return after.LowerBound <= before.LowerBound
            && (after.Status == GradingStatus.Incomplete || before.Status == GradingStatus.Graded);
    }

    [Property]
    public bool NonGradingEntry_AddedAnywhere_NeverLowersTheGradeOrLowerBound(Scenario scenario, NonNegativeInt choice, NonNegativeInt minutesAgo)
    {
        var before = IcansGrader.Assess(scenario.Findings, Now);
        var after = IcansGrader.Assess(Mutations.AddNonGradingEntry(scenario.Findings, choice.Get, Now.AddMinutes(-(minutesAgo.Get % (26 * 60)))), Now);
        return after.LowerBound >= before.LowerBound && (after.Status == GradingStatus.Graded || before.Status == GradingStatus.Incomplete);
    }

    [Property]
    public bool Result_DoesNotDependOnTheOrderOfItems(Scenario scenario, int seed)
    {
        var shuffled = Mutations.Shuffle(scenario.Findings, new Random(seed));
        return Snapshot(IcansGrader.Assess(scenario.Findings, Now)) == Snapshot(IcansGrader.Assess(shuffled, Now));
    }

    // ImmutableArray compares by reference, so the comparison is over the serialized form.
    private static string Snapshot(IcansAssessment assessment) => JsonSerializer.Serialize(assessment);
}

/// <summary>The changes the properties apply to generated findings.</summary>
internal static class Mutations
{
    /// <summary>Makes one observation (chosen by <paramref name="pick"/>) equal or worse by ASTCT grade.</summary>
    public static PatientFindings Worsen(PatientFindings f, int pick, int choice)
    {
        var slots = f.Ice.Length + f.Capd.Length + f.Consciousness.Length + f.Seizures.Length + f.Motor.Length + f.IcpEdema.Length;
        if (slots == 0)
        {
            return f;
        }
        var i = pick % slots;
        if (i < f.Ice.Length)
        {
            return f with { Ice = f.Ice.SetItem(i, f.Ice[i] with { Value = f.Ice[i].Value is { } v ? choice % (v + 1) : null }) };
        }
        i -= f.Ice.Length;
        if (i < f.Capd.Length)
        {
            return f with { Capd = f.Capd.SetItem(i, f.Capd[i] with { Value = f.Capd[i].Value is { } v ? v + (choice % (33 - v)) : null }) };
        }
        i -= f.Capd.Length;
        if (i < f.Consciousness.Length)
        {
            return f with { Consciousness = f.Consciousness.SetItem(i, WorseOrEqual(f.Consciousness[i], AstctCells.Consciousness, _ => false, choice)) };
        }
        i -= f.Consciousness.Length;
        if (i < f.Seizures.Length)
        {
            return f with { Seizures = f.Seizures.SetItem(i, WorseOrEqual(f.Seizures[i], AstctCells.Seizure, _ => false, choice)) };
        }
        i -= f.Seizures.Length;
        if (i < f.Motor.Length)
        {
            return f with { Motor = f.Motor.SetItem(i, WorseOrEqual(f.Motor[i], AstctCells.Motor, AstctCells.ChartsResolution, choice)) };
        }
        i -= f.Motor.Length;
        return f with { IcpEdema = f.IcpEdema.SetItem(i, WorseOrEqual(f.IcpEdema[i], AstctCells.IcpEdema, AstctCells.ChartsResolution, choice)) };
    }

    /// <summary>Attributes one observation (chosen by <paramref name="pick"/>) to another cause.</summary>
    public static PatientFindings Attribute(PatientFindings f, int pick)
    {
        var slots = f.Ice.Length + f.Capd.Length + f.Consciousness.Length + f.Seizures.Length + f.Motor.Length + f.IcpEdema.Length;
        if (slots == 0)
        {
            return f;
        }
        var i = pick % slots;
        if (i < f.Ice.Length)
        {
            return f with { Ice = f.Ice.SetItem(i, f.Ice[i] with { AttributedToOtherCause = true }) };
        }
        i -= f.Ice.Length;
        if (i < f.Capd.Length)
        {
            return f with { Capd = f.Capd.SetItem(i, f.Capd[i] with { AttributedToOtherCause = true }) };
        }
        i -= f.Capd.Length;
        if (i < f.Consciousness.Length)
        {
            return f with { Consciousness = f.Consciousness.SetItem(i, f.Consciousness[i] with { AttributedToOtherCause = true }) };
        }
        i -= f.Consciousness.Length;
        if (i < f.Seizures.Length)
        {
            return f with { Seizures = f.Seizures.SetItem(i, f.Seizures[i] with { AttributedToOtherCause = true }) };
        }
        i -= f.Seizures.Length;
        if (i < f.Motor.Length)
        {
            return f with { Motor = f.Motor.SetItem(i, f.Motor[i] with { AttributedToOtherCause = true }) };
        }
        i -= f.Motor.Length;
        return f with { IcpEdema = f.IcpEdema.SetItem(i, f.IcpEdema[i] with { AttributedToOtherCause = true }) };
    }

    /// <summary>The same findings with every collection in another order.</summary>
    public static PatientFindings Shuffle(PatientFindings f, Random random) => f with
    {
        Exposures = Shuffled(f.Exposures, random),
        Ice = Shuffled(f.Ice, random),
        Capd = Shuffled(f.Capd, random),
        Consciousness = Shuffled(f.Consciousness, random),
        Seizures = Shuffled(f.Seizures, random),
        Motor = Shuffled(f.Motor, random),
        IcpEdema = Shuffled(f.IcpEdema, random),
        CrsGrades = Shuffled(f.CrsGrades, random),
        CrsDiagnoses = Shuffled(f.CrsDiagnoses, random),
        PriorIcansGrades = Shuffled(f.PriorIcansGrades, random),
    };

    /// <summary>
    /// A value of equal or higher grade. A domain's normal code ranks below its other grade-0 codes, since only it charts a
    /// finding's resolution: turning a tremor into no-motor-finding is an improvement.
    /// </summary>
    private static Observed<T> WorseOrEqual<T>(Observed<T> observed, Func<T, int> grade, Func<T, bool> chartsResolution, int choice)
        where T : struct, Enum
    {
        int Rank(T v) => (grade(v) * 2) + (chartsResolution(v) ? 0 : 1);
        var candidates = Enum.GetValues<T>().Where(v => Rank(v) >= Rank(observed.Value)).ToArray();
        return observed with { Value = candidates[choice % candidates.Length] };
    }

    /// <summary>Adds one entry of a code that never grades (tremor, myoclonus, intracranial hemorrhage) at a generated time.</summary>
    public static PatientFindings AddNonGradingEntry(PatientFindings f, int choice, DateTimeOffset time)
    {
        var source = new Provenance($"Observation/non-grading-{choice}", time);
        return (choice % 3) switch
        {
            0 => f with { Motor = f.Motor.Add(new Observed<MotorFinding>(MotorFinding.Tremor, source)) },
            1 => f with { Motor = f.Motor.Add(new Observed<MotorFinding>(MotorFinding.Myoclonus, source)) },
            _ => f with { IcpEdema = f.IcpEdema.Add(new Observed<IcpEdemaFinding>(IcpEdemaFinding.IntracranialHemorrhage, source)) },
        };
    }

    private static ImmutableArray<T> Shuffled<T>(ImmutableArray<T> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return [.. copy];
    }
}
