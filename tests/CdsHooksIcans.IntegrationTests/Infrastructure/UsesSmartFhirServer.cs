namespace CdsHooksIcans.IntegrationTests.Infrastructure;

/// <summary>
/// The tests that share one local FHIR server started with --smart (its own process, beside the plain one), the browser
/// tests among them. They run alone, after the parallel collections: a second Node server and Chromium beside the
/// timing-sensitive FHIR tests made those flaky on two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UsesSmartFhirServer : ICollectionFixture<SmartFhirServer>
{
    public const string Name = "Local FHIR server with SMART";
}
