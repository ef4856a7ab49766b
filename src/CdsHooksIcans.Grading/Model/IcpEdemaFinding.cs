namespace CdsHooksIcans.Grading.Model;

/// <summary>Raised intracranial pressure or cerebral edema finding, ASTCT ICP/edema domain.</summary>
public enum IcpEdemaFinding
{
    /// <summary>No edema.</summary>
    NoEdema,
    /// <summary>Focal or local edema on neuroimaging (grade 3).</summary>
    FocalEdema,
    /// <summary>Diffuse cerebral edema on neuroimaging (grade 4).</summary>
    DiffuseEdema,
    /// <summary>Decerebrate or decorticate posturing (grade 4).</summary>
    Posturing,
    /// <summary>Cranial nerve VI palsy (grade 4).</summary>
    CranialNerveViPalsy,
    /// <summary>Papilledema (grade 4).</summary>
    Papilledema,
    /// <summary>Cushing's triad (grade 4).</summary>
    CushingTriad,
    /// <summary>Intracranial hemorrhage: not an ICANS feature, excluded from grading.</summary>
    IntracranialHemorrhage,
}
