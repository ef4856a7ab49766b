using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>One <c>compose.include</c> of a ValueSet, with the file and FHIR path it came from.</summary>
internal sealed record ValueSetInclude(ValueSet.ConceptSetComponent Component, string File, string Field);
