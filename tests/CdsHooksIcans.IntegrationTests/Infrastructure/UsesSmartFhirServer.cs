namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>The tests that share one local FHIR server started with --smart (its own process, beside the plain one).</summary>
[CollectionDefinition(Name)]
public sealed class UsesSmartFhirServer : ICollectionFixture<SmartFhirServer>
{
    public const string Name = "Local FHIR server with SMART";
}
