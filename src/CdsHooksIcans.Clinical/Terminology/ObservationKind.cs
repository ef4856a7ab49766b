namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// What an Observation records: one member per concept of CodeSystem <c>icans-observation</c>, bound by the kebab-case
/// name (IceTotal &lt;-&gt; <c>ice-total</c>) and checked both ways at load.
/// </summary>
internal enum ObservationKind
{
    IceTotal,
    IceOrientation,
    IceNaming,
    IceCommands,
    IceWriting,
    IceAttention,
    CapdTotal,
    Consciousness,
    Seizure,
    Motor,
    IcpEdema,
    CrsGrade,
    IcansGrade,
    AttributedToOtherCause,
    LateNeurotoxicity,
}
