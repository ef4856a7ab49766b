using CdsHooksIcans.Clinical.Terminology;

namespace CdsHooksIcans.Clinical.Tests.Terminology;

/// <summary>The real fhir-profiles/ folder, loaded once per test class.</summary>
public sealed class TerminologyFixture
{
    public TerminologyFixture()
    {
        Terminology = IcansTerminology.Load([ProfilesFolder]);
    }

    public IcansTerminology Terminology { get; }

    public static string ProfilesFolder { get; } = RepositoryPaths.FhirProfiles;

    public static string TerminologyFolder { get; } = Path.Combine(ProfilesFolder, "terminology");
}
