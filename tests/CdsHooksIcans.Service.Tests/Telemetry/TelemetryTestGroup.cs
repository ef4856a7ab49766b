namespace CdsHooksIcans.Service.Tests.Telemetry;

/// <summary>
/// The service's source and meter have one name in every host of the process, and OpenTelemetry listens by name: tests that
/// count spans or measurements run alone, so another test's host does not add to their counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    public const string Name = "Telemetry";
}
