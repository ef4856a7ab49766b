namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>Concept properties the engine reads, bound to their codes by kebab-case name (TherapyClass &lt;-&gt; <c>therapy-class</c>).</summary>
internal enum ConceptProperty
{
    Domain,
    TherapyClass,
    HighIcansRisk,
    LateNeurotoxicityWatch,
    AstctGrade,
}
