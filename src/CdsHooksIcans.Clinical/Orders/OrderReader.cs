using System.Globalization;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// Reads MedicationRequests into <see cref="DrugOrder"/>s: the drug through the fhir-profiles ValueSets (the name in
/// text/display only as a last resort, which the order then admits), the dose from <c>doseQuantity</c> in mg, and the
/// doses per day from the timing.
/// </summary>
public sealed class OrderReader(IcansTerminology terminology)
{
    // Most specific first: the antiseizure ValueSet may grow to include drugs listed elsewhere.
    private static readonly (string ValueSet, IcansDrug Drug)[] Drugs =
    [
        (IcansCanonicals.Dexamethasone, IcansDrug.Dexamethasone),
        (IcansCanonicals.Methylprednisolone, IcansDrug.Methylprednisolone),
        (IcansCanonicals.Tocilizumab, IcansDrug.Tocilizumab),
        (IcansCanonicals.Anakinra, IcansDrug.Anakinra),
        (IcansCanonicals.AntiseizureDrugs, IcansDrug.Antiseizure),
    ];

    // HL7 v3 GTSAbbreviation timing codes (the common ones EHRs send instead of a repeat).
    private static readonly Dictionary<string, decimal> TimingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["QD"] = 1, ["BID"] = 2, ["TID"] = 3, ["QID"] = 4, ["Q4H"] = 6, ["Q6H"] = 4, ["Q8H"] = 3, ["Q12H"] = 2,
    };

    private readonly (IcansDrug Drug, string[] Names)[] _names = [.. Drugs.Select(d => (d.Drug, terminology.Expand(d.ValueSet)
        .Select(c => c.Display).OfType<string>().Where(n => n.Length >= 4).ToArray()))];

    /// <summary>The drug order a MedicationRequest describes, or null when it is not a drug the ICANS checks know.</summary>
    /// <param name="request">The MedicationRequest.</param>
    /// <param name="isDraft">Whether it comes from context.draftOrders.</param>
    public DrugOrder? Read(MedicationRequest request, bool isDraft)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return ReadChecked(request, isDraft);
        }
        catch (CodedValidationException)
        {
            // Leniently parsed input can hold values of the wrong shape; such an order is not one the checks can read.
            return null;
        }
    }

    private DrugOrder? ReadChecked(MedicationRequest request, bool isDraft)
    {
        var concept = MedicationOf(request);
        if (concept is null || Recognise(concept) is not var (drug, byName))
        {
            return null;
        }

        var (mgPerDose, dosesPerDay, route) = Dose(request.DosageInstruction);
        return new DrugOrder("MedicationRequest/" + (request.Id ?? "unidentified"), drug, isDraft, byName, mgPerDose, dosesPerDay, route);
    }

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

    /// <summary>The medication concept, inline or in a contained Medication.</summary>
    private static CodeableConcept? MedicationOf(MedicationRequest request) => request.Medication switch
    {
        CodeableConcept concept => concept,
        ResourceReference { Reference: { } reference } when reference.StartsWith('#') =>
            request.Contained.OfType<Medication>().FirstOrDefault(m => "#" + m.Id == reference)?.Code,
        _ => null,
    };

    /// <summary>The instruction with the highest known daily dose (a loading dose must not hide the maintenance).</summary>
    private static (decimal? MgPerDose, decimal? DosesPerDay, string? Route) Dose(List<Dosage> instructions)
    {
        var read = instructions.Select(d => (Mg: Milligrams(d), PerDay: DosesPerDay(d.Timing), Route: RouteOf(d))).ToList();
        if (read.Count == 0)
        {
            return (null, null, null);
        }

        return read.OrderByDescending(r => r.Mg * r.PerDay ?? -1).ThenByDescending(r => r.Mg ?? -1).First();
    }

    private static decimal? Milligrams(Dosage dosage)
    {
        var quantity = dosage.DoseAndRate.Select(d => d.Dose).OfType<Quantity>().FirstOrDefault();
        if (quantity?.Value is not { } value)
        {
            return null;
        }

        return (quantity.Code ?? quantity.Unit)?.Trim().ToLowerInvariant() switch
        {
            "mg" or "milligram" or "milligrams" => value,
            "g" or "gram" or "grams" => value * 1000m,
            "ug" or "mcg" or "microgram" or "micrograms" => value / 1000m,
            _ => null,
        };
    }

    /// <summary>Doses per 24 hours: frequency per period, a single dose (count 1) as one, or a timing code.</summary>
    public static decimal? DosesPerDay(Timing? timing)
    {
        if (timing is null)
        {
            return null;
        }

        if (timing.Repeat is { } repeat)
        {
            if (repeat.Period is { } period && period > 0 && Hours(repeat.PeriodUnit) is { } unitHours)
            {
                return decimal.Round((repeat.Frequency ?? 1) * 24m / (period * unitHours), 4);
            }

            if (repeat.Count == 1 && repeat.Frequency is null or 1)
            {
                return 1;
            }
        }

        return timing.Code?.Coding.Select(c => c.Code).Append(timing.Code.Text)
            .Where(c => c is not null && TimingCodes.ContainsKey(c))
            .Select(c => (decimal?)TimingCodes[c!]).FirstOrDefault();
    }

    private static decimal? Hours(Timing.UnitsOfTime? unit) => unit switch
    {
        Timing.UnitsOfTime.S => 1m / 3600m,
        Timing.UnitsOfTime.Min => 1m / 60m,
        Timing.UnitsOfTime.H => 1m,
        Timing.UnitsOfTime.D => 24m,
        Timing.UnitsOfTime.Wk => 24m * 7m,
        _ => null,
    };

    private static string? RouteOf(Dosage dosage) =>
        dosage.Route?.Text ?? dosage.Route?.Coding.Select(c => c.Display ?? c.Code).FirstOrDefault(s => s is not null);

    /// <summary>A dose for people: "10 mg every 6 hours (40 mg/day)".</summary>
    public static string Describe(decimal? mgPerDose, decimal? dosesPerDay, string? route)
    {
        var dose = mgPerDose is { } mg ? $"{Number(mg)} mg" : "dose not stated";
        var frequency = dosesPerDay switch
        {
            null => "frequency not stated",
            1 => "once a day",
            { } n when 24m / n == decimal.Truncate(24m / n) => $"every {Number(24m / n)} hours",
            { } n => $"{Number(n)} times a day",
        };
        var perDay = mgPerDose * dosesPerDay is { } total ? $" ({Number(total)} mg/day)" : "";
        return $"{dose}{(route is null ? "" : " " + route)} {frequency}{perDay}";
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
