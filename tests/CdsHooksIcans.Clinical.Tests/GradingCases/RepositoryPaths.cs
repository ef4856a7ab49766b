using System.Reflection;

namespace CdsHooksIcans.Clinical.Tests.GradingCases;

/// <summary>Paths in the repository (the build records its root, so any output folder works).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Terminology => Path.Combine(Root, "fhir-profiles", "terminology");
}
