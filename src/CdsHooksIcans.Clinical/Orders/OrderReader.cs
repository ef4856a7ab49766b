using System.Globalization;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using Hl7.Fhir.Model;
using Hl7.Fhir.Validation;

namespace CdsHooksIcans.Clinical.Orders;

/// <summary>
/// Reads MedicationRequests into <see cref="DrugOrder"/>s the way EHRs send them: the drug through the fhir-profiles
/// ValueSets (ingredient or clinical-drug code; the name in text/display only as a last resort, which the order then
/// admits); the dose from <c>doseQuantity</c> in mass units, or in units of a product of known strength (<c>2 {pill}</c> of
/// a 4 mg tablet, 2.5 mL of a 4 mg/mL solution); the doses in 24 hours from the timing (frequency and period, a count,
/// <c>when</c> events, times of day, a timing code); the route from its coding, its text or the product's dose form; and
/// PRN. What cannot be read is said in <see cref="DrugOrder.Unreadable"/>, never guessed.
/// </summary>
public sealed class OrderReader(IcansTerminology terminology, DrugProducts products, RouteTable routes)
{
    private readonly DrugRecognition _drugs = new(terminology);

    /// <summary>How this reader recognises drugs, for other records of the same drugs (administrations).</summary>
    public DrugRecognition Drugs => _drugs;

    /// <summary>A reader over the clinical drugs of <paramref name="medicationFolders"/> and the route table of the cards folder.</summary>
    public static OrderReader Load(IcansTerminology terminology, string cardsDirectory, IEnumerable<string> medicationFolders) => new(
        terminology,
        DrugProducts.Load(medicationFolders, terminology, DrugRecognition.DrugValueSets),
        RouteTable.Load(cardsDirectory));

    // HL7 v3 GTSAbbreviation timing codes (the common ones EHRs send instead of a repeat).
    private static readonly Dictionary<string, decimal> TimingCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["QD"] = 1, ["BID"] = 2, ["TID"] = 3, ["QID"] = 4, ["Q4H"] = 6, ["Q6H"] = 4, ["Q8H"] = 3, ["Q12H"] = 2, ["AM"] = 1, ["PM"] = 1,
    };

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
        if (concept is null || _drugs.Recognise(concept) is not var (drug, byName))
        {
            return null;
        }

        var product = products.Find(concept);
        var reference = "MedicationRequest/" + (request.Id ?? "unidentified");
        if (request.DosageInstruction.Count == 0)
        {
            return new DrugOrder(reference, drug, isDraft, byName, null, null, null, product is null ? RouteKind.Unknown : routes.FormKind(product.DoseForm), Unreadable: "no dosage instruction");
        }

        // The instruction with the highest known daily dose: a loading dose must not hide the maintenance.
        var read = request.DosageInstruction.Select(d => ReadDosage(d, product)).ToList();
        var (dose, route, kind) = read.OrderByDescending(r => r.Dose.MgPerDose * r.Dose.DosesPerDay ?? -1).ThenByDescending(r => r.Dose.MgPerDose ?? -1).First();
        return new DrugOrder(reference, drug, isDraft, byName, dose.MgPerDose, dose.DosesPerDay, route, kind, dose.AsNeeded, dose.TotalDoses, dose.Unreadable);
    }

    private (ReadDose Dose, string? Route, RouteKind Kind) ReadDosage(Dosage dosage, DrugProduct? product)
    {
        var (mg, doseProblem) = Milligrams(dosage, product);
        var (perDay, total, timingProblem) = Frequency(dosage.Timing);
        var asNeeded = dosage.AsNeeded switch
        {
            FhirBoolean { Value: true } => true,
            CodeableConcept => true,
            _ => false,
        };
        var kind = routes.Kind(dosage.Route) is var stated and not RouteKind.Unknown ? stated
            : product is null ? RouteKind.Unknown : routes.FormKind(product.DoseForm);
        var problem = string.Join("; ", new[] { doseProblem, asNeeded ? null : timingProblem }.OfType<string>());
        return (new ReadDose(mg, asNeeded ? null : perDay, asNeeded, total, problem.Length == 0 ? null : problem), RouteText(dosage) ?? (product is null ? null : FormRoute(kind)), kind);
    }

    private readonly record struct ReadDose(decimal? MgPerDose, decimal? DosesPerDay, bool AsNeeded, int? TotalDoses, string? Unreadable);

    /// <summary>The medication concept, inline or in a contained Medication.</summary>
    private static CodeableConcept? MedicationOf(MedicationRequest request) => request.Medication switch
    {
        CodeableConcept concept => concept,
        ResourceReference { Reference: { } reference } when reference.StartsWith('#') =>
            request.Contained.OfType<Medication>().FirstOrDefault(m => "#" + m.Id == reference)?.Code,
        _ => null,
    };

    /// <summary>mg per dose from a mass unit, or from units of the product (tablets, mL) times its strength.</summary>
    private (decimal? Mg, string? Problem) Milligrams(Dosage dosage, DrugProduct? product)
    {
        var dose = dosage.DoseAndRate.Select(d => d.Dose).FirstOrDefault(d => d is not null);
        if (dose is Hl7.Fhir.Model.Range)
        {
            return (null, "dose given as a range");
        }

        if (dose is not Quantity { Value: { } value } quantity)
        {
            return (null, "no dose stated");
        }

        var unit = (quantity.Code ?? quantity.Unit)?.Trim();
        switch (unit?.ToLowerInvariant())
        {
            case "mg" or "milligram" or "milligrams":
                return (value, null);
            case "g" or "gram" or "grams":
                return (value * 1000m, null);
            case "ug" or "mcg" or "microgram" or "micrograms":
                return (value / 1000m, null);
            case "mg/kg":
                return (null, "dose in mg/kg (weight-based; the service does not read the weight)");
            case "ml" or "milliliter" or "milliliters":
                return product is { PerMilliliter: true } solution
                    ? (value * solution.MgPerUnit, null)
                    : (null, "dose in mL of a product whose concentration the service does not know");
        }

        if (routes.IsProductUnit(unit) || routes.IsProductUnit(quantity.Unit))
        {
            return product is { PerMilliliter: false } unitProduct
                ? (value * unitProduct.MgPerUnit, null)
                : (null, $"dose in {unit} of a product whose strength the service does not know");
        }

        return (null, $"dose unit '{unit}' not known");
    }

    /// <summary>Doses in the first 24 hours and the doses in all; the problem when the timing says neither.</summary>
    private static (decimal? PerDay, int? Total, string? Problem) Frequency(Timing? timing)
    {
        var total = timing?.Repeat?.Count;
        var perDay = DosesPerDay(timing);
        if (perDay is null)
        {
            return total == 1 ? (1, 1, null) : (null, total, "frequency not stated");
        }

        return (total is { } count && count < perDay ? count : perDay, total, null);
    }

    /// <summary>
    /// Doses per 24 hours when repeated: frequency per period, the <c>when</c> events or times of day, or a timing code;
    /// a single dose (count 1 and nothing else) counts as one.
    /// </summary>
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

            // "when": one dose per event each day (MORN and HS: twice a day); the same for times of day.
            var events = repeat.WhenElement.Count + repeat.TimeOfDayElement.Count;
            if (events > 0)
            {
                return events * (repeat.Frequency ?? 1);
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

    private static string? RouteText(Dosage dosage) =>
        dosage.Route?.Text ?? dosage.Route?.Coding.Select(c => c.Display ?? c.Code).FirstOrDefault(s => s is not null);

    private static string? FormRoute(RouteKind kind) => kind switch
    {
        RouteKind.Oral => "oral",
        RouteKind.Local => "local",
        _ => null,
    };

    /// <summary>
    /// An order's dose for people: "8 mg oral every 12 hours (16 mg/day)", "10 mg IV once"; when part of it cannot be read,
    /// what is known and then why: "IV every 6 hours; dose not readable (dose in mg/kg ...): check it".
    /// </summary>
    public static string Describe(DrugOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Unreadable is not { } problem)
        {
            return Describe(order.MgPerDose, order.DosesPerDay, order.Route, order.TotalDoses, order.AsNeeded);
        }

        string?[] known =
        [
            order.MgPerDose is { } mg ? $"{Number(mg)} mg" : null,
            order.Route,
            order.AsNeeded ? "as needed" : order.TotalDoses == 1 ? "once" : order.DosesPerDay is { } n ? Frequency(n) : null,
        ];
        var stated = string.Join(' ', known.OfType<string>());
        return (stated.Length == 0 ? "" : stated + "; ") + $"dose not readable ({problem}): check it";
    }

    /// <summary>A dose for people: "10 mg IV every 6 hours (40 mg/day)", "10 mg IV once", "10 mg IV, 2 doses (20 mg in 24 hours)".</summary>
    public static string Describe(decimal? mgPerDose, decimal? dosesPerDay, string? route, int? totalDoses = null, bool asNeeded = false)
    {
        var dose = mgPerDose is { } mg ? $"{Number(mg)} mg" : "dose not stated";
        var where = route is null ? "" : " " + route;
        if (asNeeded)
        {
            return $"{dose}{where} as needed";
        }

        if (totalDoses == 1)
        {
            return $"{dose}{where} once";
        }

        var perDay = mgPerDose * dosesPerDay;
        if (totalDoses is { } count)
        {
            return $"{dose}{where}, {count} doses" + (perDay is { } inADay ? $" ({Number(inADay)} mg in 24 hours)" : "");
        }

        var frequency = dosesPerDay is { } n ? Frequency(n) : "frequency not stated";
        return $"{dose}{where} {frequency}" + (perDay is { } total ? $" ({Number(total)} mg/day)" : "");
    }

    private static string Frequency(decimal dosesPerDay) => dosesPerDay switch
    {
        1 => "once a day",
        var n when 24m / n == decimal.Truncate(24m / n) => $"every {Number(24m / n)} hours",
        var n => $"{Number(n)} times a day",
    };

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
