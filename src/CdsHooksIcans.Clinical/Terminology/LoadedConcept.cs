using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>A CodeSystem concept with the file and FHIR path it came from, for errors that point at it.</summary>
internal sealed record LoadedConcept(CodeSystem.ConceptDefinitionComponent Concept, string File, string Field)
{
    /// <summary>The value of the concept's property <paramref name="code"/>; <c>null</c> when the concept has none.</summary>
    public DataType? Property(string code)
    {
        foreach (var candidate in Concept.Property)
        {
            if (candidate.Code == code)
            {
                return candidate.Value;
            }
        }

        return null;
    }
}
