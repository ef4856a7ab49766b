namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>Field reading shared by the loader's parts, with errors that name the file and the field.</summary>
internal static class ArtifactFields
{
    /// <summary>The value, or a <see cref="TerminologyException"/> saying the field is missing.</summary>
    public static string Require(string? value, string file, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new TerminologyException(file, field, "missing") : value;

    /// <summary>A canonical without its <c>|version</c>: one version of each artifact is loaded.</summary>
    public static string WithoutVersion(string canonical)
    {
        var bar = canonical.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? canonical : canonical[..bar];
    }
}
