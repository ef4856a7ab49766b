using System.Collections.Frozen;
using System.Text;

namespace CdsHooksIcans.Clinical.Terminology;

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
