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

    public static string ProfilesFolder { get; } = Path.Combine(RepoRoot(), "fhir-profiles");

    public static string TerminologyFolder { get; } = Path.Combine(ProfilesFolder, "terminology");

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CdsHooksIcans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CdsHooksIcans.sln not found above " + AppContext.BaseDirectory);
    }
}
