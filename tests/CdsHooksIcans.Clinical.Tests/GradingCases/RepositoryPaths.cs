namespace CdsHooksIcans.Clinical.Tests.GradingCases;

/// <summary>Paths in the repository, found by walking up to the solution file.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Terminology => Path.Combine(Root, "fhir-profiles", "terminology");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CdsHooksIcans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CdsHooksIcans.sln not found above " + AppContext.BaseDirectory);
    }
}
