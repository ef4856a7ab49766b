namespace CdsHooksIcans.Grading.Model;

/// <summary>What a late neurotoxicity sign belongs to; the card's work-up follows it.</summary>
public enum LateNeurotoxicityGroup
{
    /// <summary>Movement and neurocognitive toxicity: parkinsonism and its signs (tremor, micrographia, bradykinesia, gait, personality change).</summary>
    MovementAndNeurocognitive,
    /// <summary>Guillain-Barre syndrome.</summary>
    GuillainBarreSyndrome,
    /// <summary>Cranial nerve palsy other than VI (mostly facial).</summary>
    CranialNervePalsy,
    /// <summary>Peripheral neuropathy.</summary>
    PeripheralNeuropathy,
}
