using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>A coded concept as a hash key: system and code, compared ordinally (our CodeSystems are case-sensitive).</summary>
internal readonly record struct CodeKey(string System, string Code)
{
    public static bool TryCreate(Coding? coding, out CodeKey key)
    {
        if (coding is { System: { Length: > 0 } system, Code: { Length: > 0 } code })
        {
            key = new CodeKey(system, code);
            return true;
        }

        key = default;
        return false;
    }

    public override string ToString() => $"{System}|{Code}";
}
