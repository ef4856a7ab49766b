using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;
using Hl7.Fhir.Model;
using Provenance = CdsHooksIcans.Grading.Model.Provenance;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>
/// Reads Observations into findings, following the data contract: the statuses that count, the time, ICE totals and
/// items (a total summed from five item components), CAPD, the coded domain findings, CRS and prior ICANS grades, a
/// dataAbsentReason for an assessment not done, and an <c>attributed-to-other-cause</c> component with its cause.
/// </summary>
internal sealed class ObservationReader(IcansTerminology terminology)
{
    /// <summary>Adds what an Observation of a known kind records; an entry of another status, kind or without a time adds nothing.</summary>
    public void Add(Observation observation, FindingsBuilder findings)
    {
        if (observation.Status is not (ObservationStatus.Final or ObservationStatus.Amended
            or ObservationStatus.Corrected or ObservationStatus.Preliminary))
        {
            return;
        }

        if (terminology.ObservationKindOf(observation.Code) is not { } kind || FhirTimes.Of(observation) is not { } time)
        {
            return;
        }

        var source = new Provenance(References.To(observation), time);
        var attribution = Attribution(observation);
        var attributed = attribution is not null;
        switch (kind)
        {
            case ObservationKind.IceTotal:
                if (TryReadIceTotal(observation, out var ice))
                {
                    findings.Ice.Add(new Observed<int?>(ice, source, attributed, Comment(observation, attribution, ice)));
                    findings.IceTotalTimes.Add(time);
                }

                break;
            case ObservationKind.CapdTotal:
                if (TryReadScore(observation.Value, observation.DataAbsentReason, AstctCells.CapdMaximum, out var capd))
                {
                    findings.Capd.Add(new Observed<int?>(capd, source, attributed, Comment(observation, attribution, capd)));
                }

                break;
            case ObservationKind.Consciousness:
                AddFinding(observation, source, attribution, findings.Consciousness);
                break;
            case ObservationKind.Seizure:
                AddFinding(observation, source, attribution, findings.Seizures);
                break;
            case ObservationKind.Motor:
                AddFinding(observation, source, attribution, findings.Motor);
                break;
            case ObservationKind.IcpEdema:
                AddFinding(observation, source, attribution, findings.IcpEdema);
                break;
            case ObservationKind.LateNeurotoxicity:
                AddFinding(observation, source, attribution, findings.LateNeurotoxicity);
                break;
            case ObservationKind.CrsGrade:
                if (IntegerIn(observation.Value, 0, 4) is { } crsGrade)
                {
                    findings.CrsGrades.Add(new Observed<int>(crsGrade, source, attributed));
                }

                break;
            case ObservationKind.IcansGrade:
                if (IntegerIn(observation.Value, 0, 4) is { } icansGrade)
                {
                    findings.PriorIcansGrades.Add(new Observed<int?>(icansGrade, source, attributed));
                }

                break;
            case ObservationKind.AttributedToOtherCause:
                break; // only meaningful as a component of another finding
            default:
                if (IceItems.Maximum(kind) is { } maximum && IntegerIn(observation.Value, 0, maximum) is { } item)
                {
                    findings.IceItems.Add(new IceItem(kind, item, source, attributed));
                }

                break;
        }
    }

    private void AddFinding<TFinding>(Observation observation, Provenance source, Observation.ComponentComponent? attribution, List<Observed<TFinding>> into)
        where TFinding : struct, Enum
    {
        // A code of another domain (say, a seizure code under consciousness) says nothing reliable: ignore it.
        if (terminology.TryGetFinding<TFinding>(observation.Value as CodeableConcept, out var finding))
        {
            into.Add(new Observed<TFinding>(finding, source, attribution is not null, Comment(observation, attribution, score: 0)));
        }
    }

    /// <summary>The ICE total: the value, else the sum of all five item components, else "not done" with a dataAbsentReason.</summary>
    private bool TryReadIceTotal(Observation observation, out int? total)
    {
        if (observation.Value is null && SumOfItemComponents(observation) is { } sum)
        {
            total = sum;
            return true;
        }

        return TryReadScore(observation.Value, observation.DataAbsentReason, AstctCells.IceMaximum, out total);
    }

    private int? SumOfItemComponents(Observation observation)
    {
        Span<int> items = stackalloc int[IceItems.Count];
        items.Fill(-1);
        foreach (var component in observation.Component)
        {
            if (terminology.ObservationKindOf(component.Code) is { } kind
                && IceItems.IndexOf(kind) is { } index
                && IntegerIn(component.Value, 0, IceItems.Maximum(kind)!.Value) is { } score)
            {
                items[index] = score;
            }
        }

        var sum = 0;
        foreach (var score in items)
        {
            if (score < 0)
            {
                return null;
            }

            sum += score;
        }

        return sum;
    }

    /// <summary>The <c>attributed-to-other-cause</c> component that is <c>true</c>, when there is one.</summary>
    private Observation.ComponentComponent? Attribution(Observation observation)
    {
        foreach (var component in observation.Component)
        {
            if (component.Value is FhirBoolean { Value: true }
                && terminology.ObservationKindOf(component.Code) == ObservationKind.AttributedToOtherCause)
            {
                return component;
            }
        }

        return null;
    }

    /// <summary>
    /// What the chart says about an entry, for the card: for an attributed finding the other cause (the attribution
    /// component's <c>code.text</c>, else the first note); for an attempt not done (<paramref name="score"/> null) why
    /// (the dataAbsentReason's text, else the first note, else its display or code unless that is the generic
    /// <c>not-performed</c>). Cut to <see cref="MaxCommentLength"/>.
    /// </summary>
    private static string? Comment(Observation observation, Observation.ComponentComponent? attribution, int? score)
    {
        // Most entries are neither attributed nor missing: they cost nothing here.
        var comment = attribution is not null && score is not null
            ? Text(attribution.Code?.Text) ?? Note(observation)
            : score is null && observation.DataAbsentReason is { } absent
                ? Text(absent.Text) ?? Note(observation) ?? Text(absent.Coding.Where(c => c.Code != NotPerformed).Select(c => c.Display ?? c.Code).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)))
                : null;
        return comment is { Length: > MaxCommentLength } ? comment[..(MaxCommentLength - 1)].TrimEnd() + "…" : comment;

        static string? Note(Observation observation) => Text(observation.Note.Select(n => n.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)));

        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // data-absent-reason "not-performed" only restates that the assessment was not done.
    private const string NotPerformed = "not-performed";

    /// <summary>The longest comment carried to the card: a cause or a reason, not a clinical note.</summary>
    public const int MaxCommentLength = 160;

    /// <summary>A score in range, or "not done" (null) when there is no value but a dataAbsentReason; false when invalid.</summary>
    private static bool TryReadScore(DataType? value, CodeableConcept? dataAbsentReason, int maximum, out int? score)
    {
        score = IntegerIn(value, 0, maximum);
        return score is not null || (value is null && dataAbsentReason is not null);
    }

    private static int? IntegerIn(DataType? value, int minimum, int maximum)
    {
        int? number = value switch
        {
            Integer { Value: { } integer } => integer,
            // Some EHRs send scores as unitless quantities; a whole number means the same thing.
            Quantity { Value: { } quantity } when decimal.IsInteger(quantity) && quantity is >= int.MinValue and <= int.MaxValue => (int)quantity,
            _ => null,
        };
        return number >= minimum && number <= maximum ? number : null;
    }
}
