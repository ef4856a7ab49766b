using Hl7.Fhir.Model;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>The resources of each prefetch key (search Bundles flattened to their entries, paging followed).</summary>
/// <param name="Resources">Key to resources; a key resolved to "no data" maps to an empty list.</param>
/// <param name="Unavailable">Optional keys that could not be had, with the reason to tell the clinician.</param>
/// <param name="FhirRequests">How many HTTP requests were sent to the FHIR server for this call.</param>
public sealed record GatheredData(
    IReadOnlyDictionary<string, IReadOnlyList<Resource>> Resources,
    IReadOnlyList<UnavailableData> Unavailable,
    int FhirRequests)
{
    /// <summary>
    /// Keys (required or not) whose data is only a first part: a page or resource cap was reached, or later pages could
    /// not be fetched. Their resources are in <see cref="Resources"/>; a grade built on them is a lower bound.
    /// </summary>
    public IReadOnlyList<UnavailableData> Truncated { get; init; } = [];
}
