namespace CdsHooksIcans.Service.SmartApp;

/// <summary>What <c>/app/config.json</c> tells the app: how to launch, and which FHIR searches read the chart.</summary>
/// <param name="ClientId">The SMART client id.</param>
/// <param name="Scopes">The scopes to ask for in each kind of launch.</param>
/// <param name="Reads">The hooks' FHIR reads with <c>{{context.patientId}}</c> left in, so app and cards read the same chart.</param>
public sealed record BedsideAppSettings(string ClientId, BedsideAppScopes Scopes, IReadOnlyList<string> Reads);
