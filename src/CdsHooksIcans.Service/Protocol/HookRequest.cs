using System.Text.Json;
using CdsHooksIcans.Service.SmartApp;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// A hook call after validation: required fields are present and well-formed. <see cref="Context"/> and
/// <see cref="Prefetch"/> are views of the request body, not copies (prefetch is most of the body): they are valid while
/// the call is handled, and whoever keeps them longer clones them.
/// </summary>
/// <param name="ServiceId">The id of the service called.</param>
/// <param name="Hook">The hook that fired.</param>
/// <param name="HookInstance">The client's id of this invocation.</param>
/// <param name="FhirServer">The client's FHIR base URL, when given.</param>
/// <param name="FhirAuthorization">The bearer token for <paramref name="FhirServer"/>, when given. Never logged or stored.</param>
/// <param name="PatientId">context.patientId.</param>
/// <param name="UserId">context.userId, for example <c>Practitioner/123</c>.</param>
/// <param name="EncounterId">context.encounterId, when given.</param>
/// <param name="Context">The whole context object (order-sign reads draftOrders from it).</param>
/// <param name="Prefetch">
/// The prefetch as sent: a key absent from the dictionary was not satisfied; a value of kind
/// <see cref="JsonValueKind.Null"/> means the client found no data.
/// </param>
public sealed record HookRequest(
    string ServiceId,
    string Hook,
    string HookInstance,
    Uri? FhirServer,
    FhirAuthorization? FhirAuthorization,
    string PatientId,
    string UserId,
    string? EncounterId,
    JsonElement Context,
    IReadOnlyDictionary<string, JsonElement> Prefetch)
{
    /// <summary>
    /// When the call reached the service (a <see cref="TimeProvider.GetTimestamp"/> value), so the hook deadline counts
    /// from there: time spent before gathering (reading the body, authentication, a busy thread pool) is part of what the
    /// client waits. Null for calls made in process (the warm-up): their deadline starts when they are handled.
    /// </summary>
    public long? ReceivedTimestamp { get; init; }

    /// <summary>
    /// Where this answer's cards open the service's own apps, from the request's address or <c>CdsHooks:App:LaunchUrl</c>.
    /// <see cref="AppLaunch.None"/> for calls made in process: their cards leave such links off.
    /// </summary>
    public AppLaunch Apps { get; init; } = AppLaunch.None;
}
