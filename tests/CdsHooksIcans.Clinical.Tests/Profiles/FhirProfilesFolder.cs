using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Tests.Profiles;

/// <summary>The repository's fhir-profiles/ folder, parsed strictly so a malformed artifact fails the tests.</summary>
public static class FhirProfilesFolder
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static string Root { get; } = RepositoryPaths.FhirProfiles;

    /// <summary>Files of one sub-folder (terminology, profiles, examples, scenarios), by file name.</summary>
    public static IReadOnlyList<string> FileNames(string folder) =>
        Directory.GetFiles(Path.Combine(Root, folder), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static Resource Load(string folder, string fileName) =>
        Parse(File.ReadAllText(Path.Combine(Root, folder, fileName)));

    public static T Load<T>(string folder, string fileName) where T : Resource => (T)Load(folder, fileName);

    /// <summary>Every conformance resource (terminology and profiles): what the validator resolves canonicals against.</summary>
    public static IReadOnlyList<Resource> ConformanceResources() =>
        new[] { "terminology", "profiles" }.SelectMany(folder => FileNames(folder).Select(name => Load(folder, name))).ToList();

    public static Resource Parse(string json) =>
        Strict.TryDeserializeResource(json, out var resource, out var issues) && resource is not null
            ? resource
            : throw new InvalidDataException(string.Join("; ", issues.Select(issue => issue.Message)));

}
