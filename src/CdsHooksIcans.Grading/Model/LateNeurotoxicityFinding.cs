namespace CdsHooksIcans.Grading.Model;

/// <summary>
/// A late neurotoxicity finding after BCMA CAR-T (<c>late-neurotoxicity</c> findings of the <c>icans-finding</c>
/// CodeSystem). None is an ASTCT ICANS domain: they never change the ICANS grade and never take its grade-4 path.
/// </summary>
public enum LateNeurotoxicityFinding
{
    /// <summary>Re-examined: none present. Charted later than a finding, it resolves that finding.</summary>
    NoLateNeurotoxicityFinding,
    /// <summary>Parkinsonism (movement and neurocognitive toxicity, MNT).</summary>
    Parkinsonism,
    /// <summary>Bradykinesia, an MNT sign.</summary>
    Bradykinesia,
    /// <summary>Micrographia, an MNT sign often first seen in handwriting samples.</summary>
    Micrographia,
    /// <summary>A new gait disturbance, an MNT sign.</summary>
    GaitDisturbance,
    /// <summary>A new personality change, an MNT sign.</summary>
    PersonalityChange,
    /// <summary>Guillain-Barre syndrome.</summary>
    GuillainBarreSyndrome,
    /// <summary>Facial (cranial nerve VII) palsy, the most frequent cranial nerve palsy after cilta-cel.</summary>
    FacialNervePalsy,
    /// <summary>A palsy of a cranial nerve other than VI and VII. A cranial nerve VI palsy is the ICANS grade-4 sign (<see cref="IcpEdemaFinding.CranialNerveViPalsy"/>).</summary>
    CranialNervePalsy,
    /// <summary>A new or worsened peripheral neuropathy.</summary>
    PeripheralNeuropathy,
}
