using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Resolves prefetch keys: a resource or Bundle in the request is used, <c>null</c> means no data, an
/// OperationOutcome or an absent key is queried from <c>fhirServer</c>. Throws <see cref="RequiredDataUnavailableException"/>
/// when a required key cannot be had.
/// </summary>
public sealed class ClinicalDataGatherer
{
    public Task<GatheredData> GatherAsync(HookRequest request, IReadOnlyList<PrefetchQuery> queries, CancellationToken cancellationToken)
        => throw new NotImplementedException();
}

/// <summary>The resources of each prefetch key (search Bundles flattened to their entries, paging followed).</summary>
/// <param name="Resources">Key to resources; a key resolved to "no data" maps to an empty list.</param>
/// <param name="Unavailable">Optional keys that could not be had, with the reason to tell the clinician.</param>
/// <param name="FhirRequests">How many HTTP requests were sent to the FHIR server for this call.</param>
public sealed record GatheredData(
    IReadOnlyDictionary<string, IReadOnlyList<Resource>> Resources,
    IReadOnlyList<UnavailableData> Unavailable,
    int FhirRequests);

/// <summary>A prefetch key that could not be had, and why (safe to show: no tokens, no patient data).</summary>
public sealed record UnavailableData(string Key, string Reason);

/// <summary>Required data could not be had from prefetch or the FHIR server: the hook answers 412.</summary>
public sealed class RequiredDataUnavailableException(IReadOnlyList<UnavailableData> missing)
    : Exception("Required FHIR data is unavailable: " + string.Join(", ", missing.Select(m => m.Key)))
{
    public IReadOnlyList<UnavailableData> Missing { get; } = missing;
}
