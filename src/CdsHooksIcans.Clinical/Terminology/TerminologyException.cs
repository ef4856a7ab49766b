namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>A terminology artifact is missing or broken; start-up stops, naming the file and the field.</summary>
public sealed class TerminologyException : Exception
{
    public TerminologyException() { }

    public TerminologyException(string message) : base(message) { }

    public TerminologyException(string message, Exception innerException) : base(message, innerException) { }

    public TerminologyException(string file, string field, string problem, Exception? innerException = null)
        : base($"{file}: {field}: {problem}", innerException)
    {
        File = file;
        Field = field;
    }

    /// <summary>The artifact file (or folder) at fault.</summary>
    public string? File { get; }

    /// <summary>The FHIR path of the field at fault, for example <c>ValueSet.compose.include[1].valueSet[0]</c>.</summary>
    public string? Field { get; }
}
