namespace CdsHooksIcans.Grading.Model;

/// <summary>Where a finding came from: the FHIR resource it was read from and the clinical time it describes.</summary>
/// <param name="Reference">A relative reference such as <c>Observation/obs-12</c>.</param>
/// <param name="Time">The clinically relevant time (effective, performed or issued).</param>
public sealed record Provenance(string Reference, DateTimeOffset Time);
