using System.Collections.Frozen;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>Reads the CodeSystem supplements that give diagnosis codes (ICD-10-CM CRS and ICANS) their ASTCT grade.</summary>
internal static class SupplementReader
{
    private static readonly string AstctGradeProperty = EnumCodes.ToCode(ConceptProperty.AstctGrade);

    /// <summary>The <c>astct-grade</c> of every supplemented code that has one.</summary>
    public static FrozenDictionary<CodeKey, int> AstctGrades(MergedArtifacts artifacts)
    {
        var grades = new Dictionary<CodeKey, int>();
        foreach (var (supplement, file) in artifacts.Supplements)
        {
            var system = ArtifactFields.WithoutVersion(ArtifactFields.Require(supplement.Supplements, file, "CodeSystem.supplements"));
            var concepts = new LoadedCodeSystem(system, file);
            concepts.AddConcepts(supplement.Concept, file, "CodeSystem.concept");
            foreach (var (code, concept) in concepts.Concepts)
            {
                switch (concept.Property(AstctGradeProperty))
                {
                    case null:
                        break;
                    case Integer { Value: { } grade }:
                        grades[new CodeKey(system, code)] = grade;
                        break;
                    default:
                        throw new TerminologyException(file, concept.Field + ".property", $"'{AstctGradeProperty}' of '{code}' must be a valueInteger");
                }
            }
        }

        return grades.ToFrozenDictionary();
    }
}
