using System.Collections.Frozen;
using System.Text;
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

/// <summary>Concept properties the engine reads, bound to their codes by kebab-case name (TherapyClass &lt;-&gt; <c>therapy-class</c>).</summary>
internal enum ConceptProperty
{
    Domain,
    TherapyClass,
    HighIcansRisk,
    LateNeurotoxicityWatch,
    AstctGrade,
}

/// <summary>The iec-product codes that stand for "a product of this class, not known which" (<c>car-t-other</c>, <c>tce-other</c>).</summary>
internal enum PlaceholderProduct
{
    CarTOther,
    TceOther,
}

/// <summary>Enum members as FHIR codes: the kebab-case of the member name is the code, so no code literal lives in C#.</summary>
internal static class EnumCodes
{
    public static string ToCode(Enum member) => ToKebabCase(member.ToString());

    public static string ToCode<TEnum>(TEnum member) where TEnum : struct, Enum => ToKebabCase(member.ToString());

    /// <summary>The member whose code is <paramref name="code"/>.</summary>
    public static bool TryParse<TEnum>(string code, out TEnum member) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (ToCode(candidate) == code)
            {
                member = candidate;
                return true;
            }
        }

        member = default;
        return false;
    }

    /// <summary>Every member of the enum type, keyed by its code.</summary>
    public static FrozenDictionary<string, Enum> MembersByCode(Type enumType) =>
        Enum.GetValues(enumType).Cast<Enum>().ToFrozenDictionary(ToCode, StringComparer.Ordinal);

    private static string ToKebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
