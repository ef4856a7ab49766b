using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// Which drug the checks know a medication concept names: by code through the fhir-profiles ValueSets first, by name in
/// text/display as a last resort. Shared by the order reader and the prefetch screen, so both recognise the same drugs.
/// </summary>
public sealed class DrugRecognition(IcansTerminology terminology)
{
    private static readonly (string ValueSet, IcansDrug Drug)[] Drugs =
    [
        (IcansCanonicals.Dexamethasone, IcansDrug.Dexamethasone),
        (IcansCanonicals.Methylprednisolone, IcansDrug.Methylprednisolone),
        (IcansCanonicals.Tocilizumab, IcansDrug.Tocilizumab),
        (IcansCanonicals.Anakinra, IcansDrug.Anakinra),
        (IcansCanonicals.AntiseizureDrugs, IcansDrug.Antiseizure),
    ];

    /// <summary>The ValueSets of the drugs the checks know, most specific first (the antiseizure ValueSet may grow).</summary>
    public static IReadOnlyList<string> DrugValueSets => [.. Drugs.Select(d => d.ValueSet)];

    private readonly (IcansDrug Drug, string[] Names)[] _names = [.. Drugs.Select(d => (d.Drug, terminology.Expand(d.ValueSet)
        .Select(c => c.Display).OfType<string>().Where(n => n.Length >= 4).ToArray()))];

    /// <summary>The drug a concept names, by code first and then by name; null when none.</summary>
    public (IcansDrug Drug, bool ByNameOnly)? Recognise(CodeableConcept concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        foreach (var (valueSet, drug) in Drugs)
        {
            if (terminology.Contains(valueSet, concept))
            {
                return (drug, false);
            }
        }

        return NamedDrug(string.Join(' ', [concept.Text, .. concept.Coding.Select(c => c.Display)])) is { } named
            ? (named, true)
            : null;
    }

    /// <summary>Whether a code belongs to a drug the checks know (the screen's test before parsing); one delegate for all calls.</summary>
    internal Func<CodeKey, bool> IsDrugCode { get; } = key =>
    {
        foreach (var (valueSet, _) in Drugs)
        {
            if (terminology.Contains(valueSet, key))
            {
                return true;
            }
        }

        return false;
    };

    /// <summary>The drug whose name the text contains, ignoring case; null when it names none.</summary>
    /// <param name="text">A concept's text and its codings' displays, joined by spaces.</param>
    public IcansDrug? NamedDrug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (drug, names) in _names)
        {
            if (names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                return drug;
            }
        }

        return null;
    }
}
