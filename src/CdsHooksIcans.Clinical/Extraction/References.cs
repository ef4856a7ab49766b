using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>How a finding's provenance names the resource it was read from.</summary>
internal static class References
{
    /// <summary>The relative reference, for example <c>Observation/ice-1</c>.</summary>
    public static string To(Resource resource) => resource.TypeName + "/" + resource.Id;
}
