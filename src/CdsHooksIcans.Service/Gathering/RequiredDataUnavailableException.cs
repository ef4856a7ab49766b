namespace CdsHooksIcans.Service.Gathering;

/// <summary>Required data could not be had from prefetch or the FHIR server: the hook answers 412.</summary>
public sealed class RequiredDataUnavailableException(IReadOnlyList<UnavailableData> missing)
    : Exception("Required FHIR data is unavailable: " + string.Join("; ", missing.Select(m => $"{m.Key} ({m.Reason})")))
{
    public IReadOnlyList<UnavailableData> Missing { get; } = missing;
}
