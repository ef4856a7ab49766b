namespace CdsHooksIcans.Grading.Model;

/// <summary>The ICANS grading domains of the ASTCT 2019 consensus (ICE and CAPD are the two cognitive tools).</summary>
public enum IcansDomain
{
    /// <summary>Immune effector cell encephalopathy score (age 12 and over).</summary>
    Ice,
    /// <summary>Cornell Assessment of Pediatric Delirium (under 12).</summary>
    Capd,
    /// <summary>Depressed level of consciousness.</summary>
    Consciousness,
    /// <summary>Seizure.</summary>
    Seizure,
    /// <summary>Motor findings.</summary>
    Motor,
    /// <summary>Elevated intracranial pressure or cerebral edema.</summary>
    IcpEdema,
}
