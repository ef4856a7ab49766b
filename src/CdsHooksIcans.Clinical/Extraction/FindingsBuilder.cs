using System.Collections.Immutable;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>Collects findings during one extraction and hands them over sorted, so the input order never shows.</summary>
internal sealed class FindingsBuilder
{
    public DateOnly? BirthDate { get; set; }
    public List<IecExposure> Exposures { get; } = [];
    public List<Observed<int?>> Ice { get; } = [];
    public List<Observed<int?>> Capd { get; } = [];
    public List<Observed<ConsciousnessLevel>> Consciousness { get; } = [];
    public List<Observed<SeizureFinding>> Seizures { get; } = [];
    public List<Observed<MotorFinding>> Motor { get; } = [];
    public List<Observed<IcpEdemaFinding>> IcpEdema { get; } = [];
    public List<Observed<int>> CrsGrades { get; } = [];
    public List<CrsDiagnosis> CrsDiagnoses { get; } = [];
    public List<Observed<int?>> PriorIcansGrades { get; } = [];
    public List<Observed<LateNeurotoxicityFinding>> LateNeurotoxicity { get; } = [];
    public List<Observed<LateNeurotoxicityFinding>> LateNeurotoxicityDiagnoses { get; } = [];

    /// <summary>Standalone ICE item observations, summed per assessment at the end.</summary>
    public List<IceItem> IceItems { get; } = [];

    /// <summary>Times that already have an ice-total: items at those times are part of it, not a new assessment.</summary>
    public HashSet<DateTimeOffset> IceTotalTimes { get; } = [];

    public bool HasDatedExposure
    {
        get
        {
            foreach (var exposure in Exposures)
            {
                if (exposure.Time is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Items sharing one effective time are one assessment; with all five present and no ice-total at that time, their
    /// sum is the total. Provenance is the orientation item's (lowest reference on ties), so the result is deterministic.
    /// Attributed to another cause only when every item is: a partial attribution must not hide the score.
    /// </summary>
    public void SynthesizeIceTotals()
    {
        IceItems.Sort((a, b) =>
        {
            var byTime = a.Source.Time.CompareTo(b.Source.Time);
            if (byTime != 0)
            {
                return byTime;
            }

            var byItem = Extraction.IceItems.IndexOf(a.Kind)!.Value.CompareTo(Extraction.IceItems.IndexOf(b.Kind)!.Value);
            return byItem != 0 ? byItem : string.CompareOrdinal(a.Source.Reference, b.Source.Reference);
        });

        var start = 0;
        while (start < IceItems.Count)
        {
            var end = start;
            while (end < IceItems.Count && IceItems[end].Source.Time == IceItems[start].Source.Time)
            {
                end++;
            }

            if (!IceTotalTimes.Contains(IceItems[start].Source.Time))
            {
                AddSynthesizedTotal(IceItems.GetRange(start, end - start));
            }

            start = end;
        }
    }

    private void AddSynthesizedTotal(List<IceItem> assessment)
    {
        Span<bool> seen = stackalloc bool[Extraction.IceItems.Count];
        var sum = 0;
        var count = 0;
        var allAttributed = true;
        foreach (var item in assessment)
        {
            var index = Extraction.IceItems.IndexOf(item.Kind)!.Value;
            if (seen[index])
            {
                continue; // a duplicate item: the first by reference counts
            }

            seen[index] = true;
            sum += item.Score;
            count++;
            allAttributed &= item.AttributedToOtherCause;
        }

        if (count == Extraction.IceItems.Count)
        {
            Ice.Add(new Observed<int?>(sum, assessment[0].Source, allAttributed));
        }
    }

    public PatientFindings Build(string patient) => new(
        patient,
        BirthDate,
        [.. Exposures.OrderBy(e => e.Time).ThenBy(e => e.Source, StringComparer.Ordinal)],
        Sorted(Ice),
        Sorted(Capd),
        Sorted(Consciousness),
        Sorted(Seizures),
        Sorted(Motor),
        Sorted(IcpEdema),
        Sorted(CrsGrades),
        [.. CrsDiagnoses.OrderBy(d => d.Time).ThenBy(d => d.Source, StringComparer.Ordinal)],
        Sorted(PriorIcansGrades))
    {
        LateNeurotoxicity = Sorted(LateNeurotoxicity),
        LateNeurotoxicityDiagnoses = Sorted(LateNeurotoxicityDiagnoses),
    };

    private static ImmutableArray<Observed<T>> Sorted<T>(List<Observed<T>> observed)
    {
        observed.Sort((a, b) =>
        {
            var byTime = a.Source.Time.CompareTo(b.Source.Time);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Source.Reference, b.Source.Reference);
        });
        return [.. observed];
    }
}
