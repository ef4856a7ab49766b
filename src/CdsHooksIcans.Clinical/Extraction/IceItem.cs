using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>One ICE item recorded as its own Observation, waiting to be summed with the others of its assessment.</summary>
internal sealed record IceItem(ObservationKind Kind, int Score, Provenance Source, bool AttributedToOtherCause);
