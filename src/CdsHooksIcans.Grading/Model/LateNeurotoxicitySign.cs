namespace CdsHooksIcans.Grading.Model;

/// <summary>A current late neurotoxicity sign after BCMA CAR-T, with where it was charted. It never changes the ICANS grade.</summary>
/// <param name="Finding">The <c>icans-finding</c> code, for example <c>parkinsonism</c>, or <c>tremor</c> from the motor domain.</param>
/// <param name="Group">What it belongs to.</param>
/// <param name="Source">The Observation or Condition and the time it describes.</param>
public sealed record LateNeurotoxicitySign(string Finding, LateNeurotoxicityGroup Group, Provenance Source);
