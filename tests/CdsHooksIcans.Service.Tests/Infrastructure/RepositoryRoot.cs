using System.Reflection;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>The repository root, recorded by the build, so tests find README.md, cards/ and fhir-profiles/ from any output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = typeof(RepositoryRoot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);
}
