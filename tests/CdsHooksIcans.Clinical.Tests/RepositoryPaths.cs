using System.Reflection;

namespace CdsHooksIcans.Clinical.Tests;

/// <summary>Paths in the repository. The build records the repository root, so any output folder works.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string FhirProfiles => Path.Combine(Root, "fhir-profiles");

    public static string Terminology => Path.Combine(FhirProfiles, "terminology");

    public static string Medications => Path.Combine(FhirProfiles, "medications");

    public static string Cards => Path.Combine(Root, "cards");

    /// <summary>The order reader over the repository's terminology, clinical drugs and route table.</summary>
    public static CdsHooksIcans.Clinical.Orders.OrderReader OrderReader(CdsHooksIcans.Clinical.Terminology.IcansTerminology terminology) =>
        CdsHooksIcans.Clinical.Orders.OrderReader.Load(terminology, Cards, [Medications]);
}
