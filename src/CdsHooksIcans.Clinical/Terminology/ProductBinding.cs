using System.Collections.Frozen;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// Reads the iec-product CodeSystem into products: each concept's therapy class and risk flags from its properties,
/// and the placeholder product of each class (<c>car-t-other</c>, <c>tce-other</c>) that unknown codes fall back to.
/// </summary>
internal static class ProductBinding
{
    private static readonly string TherapyClassProperty = EnumCodes.ToCode(ConceptProperty.TherapyClass);
    private static readonly string HighIcansRiskProperty = EnumCodes.ToCode(ConceptProperty.HighIcansRisk);
    private static readonly string LateWatchProperty = EnumCodes.ToCode(ConceptProperty.LateNeurotoxicityWatch);

    public static (Dictionary<string, IecProduct> Products, FrozenDictionary<TherapyClass, IecProduct> Unknown) Bind(
        LoadedCodeSystem codeSystem)
    {
        var classes = EnumCodes.MembersByCode(typeof(TherapyClass));
        var products = new Dictionary<string, IecProduct>(StringComparer.Ordinal);
        foreach (var (code, concept) in codeSystem.Concepts)
        {
            var therapyClass = concept.Property(TherapyClassProperty) is Code { Value: { } value } && classes.TryGetValue(value, out var member)
                ? (TherapyClass)member
                : throw new TerminologyException(concept.File, concept.Field + ".property", $"product '{code}' needs a '{TherapyClassProperty}' property with one of: {string.Join(", ", classes.Keys.Order(StringComparer.Ordinal))}");
            products[code] = new IecProduct(
                code,
                concept.Concept.Display ?? code,
                therapyClass,
                Flag(concept, HighIcansRiskProperty),
                Flag(concept, LateWatchProperty));
        }

        var unknown = new Dictionary<TherapyClass, IecProduct>();
        foreach (var placeholder in Enum.GetValues<PlaceholderProduct>())
        {
            var expectedClass = placeholder == PlaceholderProduct.CarTOther ? TherapyClass.CarT : TherapyClass.TCellEngager;
            var code = EnumCodes.ToCode(placeholder);
            unknown[expectedClass] = products.TryGetValue(code, out var product) && product.Class == expectedClass
                ? product
                : throw new TerminologyException(codeSystem.File, "CodeSystem.concept", $"needs product '{code}' with {TherapyClassProperty} '{EnumCodes.ToCode(expectedClass)}'");
        }

        return (products, unknown.ToFrozenDictionary());
    }

    private static bool Flag(LoadedConcept concept, string property) => concept.Property(property) switch
    {
        null => false,
        FhirBoolean { Value: { } value } => value,
        _ => throw new TerminologyException(concept.File, concept.Field + ".property", $"'{property}' of '{concept.Concept.Code}' must be a valueBoolean"),
    };
}
