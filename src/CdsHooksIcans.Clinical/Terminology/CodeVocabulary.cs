using CodesOfSystem = System.Collections.Generic.Dictionary<string, CdsHooksIcans.Clinical.Terminology.CodeKey>.AlternateLookup<System.ReadOnlySpan<char>>;

namespace CdsHooksIcans.Clinical.Terminology;

/// <summary>
/// Every code the terminology holds, found from the characters of its system and code without making strings of them.
/// A coding read straight from JSON (<see cref="Reading.ResourceScreen"/>) is looked up in the terminology only when it
/// is here, so the many codes of a chart the rules do not know cost no allocation.
/// </summary>
internal sealed class CodeVocabulary
{
    private readonly Dictionary<string, CodesOfSystem>.AlternateLookup<ReadOnlySpan<char>> _bySystem;

    // Plain dictionaries: frozen ones cost tens of milliseconds to build at start-up, for no faster lookup here.
    public CodeVocabulary(IEnumerable<CodeKey> keys)
    {
        var bySystem = new Dictionary<string, CodesOfSystem>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!bySystem.TryGetValue(key.System, out var codes))
            {
                codes = new Dictionary<string, CodeKey>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
                bySystem.Add(key.System, codes);
            }

            codes.Dictionary.TryAdd(key.Code, key);
        }

        _bySystem = bySystem.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The terminology's own key for the code, when it holds it; false for every other code.</summary>
    public bool TryFind(ReadOnlySpan<char> system, ReadOnlySpan<char> code, out CodeKey key)
    {
        if (_bySystem.TryGetValue(system, out var codes) && codes.TryGetValue(code, out key))
        {
            return true;
        }

        key = default;
        return false;
    }
}
