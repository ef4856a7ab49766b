using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Extraction;

/// <summary>Matches <c>Patient/{id}</c>, relative or at the end of an absolute URL.</summary>
internal readonly struct PatientReference(string patientId)
{
    private readonly string _relative = "Patient/" + patientId;

    public bool Is(ResourceReference? subject)
    {
        var reference = subject?.Reference;
        return reference is not null
            && reference.EndsWith(_relative, StringComparison.Ordinal)
            && (reference.Length == _relative.Length || reference[reference.Length - _relative.Length - 1] == '/');
    }
}
