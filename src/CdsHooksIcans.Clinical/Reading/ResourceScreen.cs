using System.Text.Json;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Clinical.Reading;

/// <summary>
/// Decides on a resource's JSON, before it is parsed into the FHIR model, whether the service's rules
/// (<see cref="FindingsExtractor"/>, <see cref="Orders.OrderReader"/>) could read anything from it. Parsing is most of a
/// hook call's cost, and most of what a chart holds says nothing about ICANS (docs/adr/0008-screen-prefetch-before-parsing.md).
/// </summary>
/// <remarks>
/// The screen errs only towards keeping: a resource whose codes or time it cannot read exactly is kept, and the parser
/// and the extractor decide about it as they would without the screen. A property the screen reads that appears twice in
/// one object is not FHIR JSON, and which copy a parser takes is its own choice: such a resource is kept too. Dropping is
/// reserved for resources the extractor would certainly ignore: a type it does not read, codes it does not know, or an
/// observation of a graded domain made before any grading window can start.
/// </remarks>
public sealed class ResourceScreen(IcansTerminology terminology)
{
    private readonly Func<CodeKey, bool> _isCarTAdministration = key => terminology.Contains(IcansCanonicals.CarTAdministration, key);

    private readonly Func<CodeKey, bool> _isGradedCondition = key => terminology.Contains(IcansCanonicals.CrsConditions, key)
        || terminology.Contains(IcansCanonicals.IcansConditions, key)
        || terminology.Contains(IcansCanonicals.CarTHistory, key)
        || terminology.Contains(IcansCanonicals.LateNeurotoxicityConditions, key);

    // Delegates made once, not per resource screened.
    private readonly Func<CodeKey, bool> _isIecTherapy = terminology.IsIecTherapy;

    private readonly Func<CodeKey, bool> _isObservationCode = key => terminology.ObservationKindOf(key) is not null;

    private readonly DrugRecognition _drugs = new(terminology);

    private readonly ConceptScreen _concepts = new(terminology);

    /// <summary>Whether the resource may contribute to a grade or an order check.</summary>
    /// <param name="resource">One resource as JSON (a Bundle entry's <c>resource</c>).</param>
    /// <param name="observedSince">
    /// Observations of graded domains made before this time are outside every grading window
    /// (<see cref="Grading.Rules.ObservationWindow.EarliestStart"/>); <c>null</c> keeps observations of any time.
    /// </param>
    /// <param name="lateFindingsSince">
    /// For a patient with a BCMA CAR-T: late neurotoxicity and motor observations (a tremor is a late sign) count back to
    /// this time instead (<see cref="Grading.Rules.LateNeurotoxicityWatch.EarliestStart"/>); <c>null</c> reads them as any
    /// other domain, and late neurotoxicity observations of any time.
    /// </param>
    public bool MayContribute(JsonElement resource, DateTimeOffset? observedSince = null, DateTimeOffset? lateFindingsSince = null)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var read = ScreenedProperties.Of(resource);
        if (read.Unsure || read.ResourceType is not { ValueKind: JsonValueKind.String } type)
        {
            // Not something the screen can judge: the parser decides as it would without the screen.
            return true;
        }

        if (type.ValueEquals("Observation"u8))
        {
            return ObservationMayContribute(read, observedSince, lateFindingsSince);
        }

        if (type.ValueEquals("MedicationAdministration"u8))
        {
            // A medicationReference is resolved against Medications only after parsing.
            return read.MedicationReference is not null || _concepts.CodesMayMatch(read.MedicationConcept, _isIecTherapy);
        }

        if (type.ValueEquals("Procedure"u8))
        {
            return _concepts.CodesMayMatch(read.Code, _isCarTAdministration);
        }

        if (type.ValueEquals("Condition"u8))
        {
            return _concepts.CodesMayMatch(read.Code, _isGradedCondition);
        }

        if (type.ValueEquals("MedicationRequest"u8))
        {
            // A medicationReference may point into contained, which the order reader follows.
            return read.MedicationReference is not null || OrderedDrugMayMatch(read.MedicationConcept);
        }

        // Patients give the age; Medications name the products of medicationReferences. Every other type is ignored by
        // the rules.
        return type.ValueEquals("Patient"u8) || type.ValueEquals("Medication"u8);
    }

    /// <summary>
    /// Whether <see cref="OrderReader"/> could recognise the drug of an inline medication: by a code of a drug the checks
    /// know, or by such a drug's name in the concept's text or a coding's display; true as well when the screen cannot read
    /// the concept exactly.
    /// </summary>
    private bool OrderedDrugMayMatch(JsonElement? concept)
    {
        if (_concepts.CodesMayMatch(concept, _drugs.IsDrugCode))
        {
            return true;
        }

        return concept is { } value && (ConceptScreen.Words(value) is not { } words || _drugs.NamedDrug(words) is not null);
    }

    private bool ObservationMayContribute(in ScreenedProperties read, DateTimeOffset? observedSince, DateTimeOffset? lateFindingsSince)
    {
        if (!_concepts.CodesMayMatch(read.Code, _isObservationCode, out var known))
        {
            return false;
        }

        // No known code but kept (a shape the screen cannot judge): no kind, so kept whatever its time.
        var kind = known is { } key ? terminology.ObservationKindOf(key) : null;

        // Late findings are read over the late watch; a motor entry only when the patient has one (a tremor is a late sign).
        var since = kind switch
        {
            ObservationKind.LateNeurotoxicity => lateFindingsSince,
            ObservationKind.Motor => lateFindingsSince ?? observedSince,
            _ => observedSince,
        };

        // Prior ICANS grades are read whatever their age; the domains are graded inside the window only.
        return kind is null or ObservationKind.IcansGrade
            || since is not { } bound
            || ScreenedTime.Of(read) is not { } time
            || time >= bound;
    }
}
