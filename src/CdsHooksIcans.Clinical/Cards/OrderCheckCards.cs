using System.Globalization;
using System.Text.Json.Nodes;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The order-sign cards (<c>order-check</c>): one content card per <see cref="OrderFindingKind"/>, chosen by
/// <c>appliesTo.finding</c>. The orders they suggest are built here from the dosing data, so the content names only
/// the placeholders <c>{corticosteroidOrder}</c> and <c>{correctedOrder}</c>.
/// </summary>
public static class OrderCheckCards
{
    public const string Kind = "order-check";

    private const string SampleOrder =
        """{"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order","subject":{"reference":"Patient/example"},"medicationCodeableConcept":{"text":"dexamethasone"}}""";

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>The placeholders order-sign cards may use, with their longest values.</summary>
    public static IReadOnlyList<PlaceholderSpec> Placeholders { get; } =
    [
        new("grade", PlaceholderKind.Number, "4"),
        new("gradeLabel", PlaceholderKind.Text, "grade at least 4"),
        new("crs", PlaceholderKind.Text, "CRS grade 4 (ASTCT), current"),
        new("therapy", PlaceholderKind.Text, "brexucabtagene autoleucel"),
        new("therapyTiming", PlaceholderKind.Text, "day 100 after the most recent infusion"),
        new("prophylaxisDays", PlaceholderKind.Text, "from the infusion day to day 30"),
        new("drug", PlaceholderKind.Text, "methylprednisolone"),
        new("orderedDose", PlaceholderKind.Text, "dose not stated IV as needed; dose not readable (dose in mL of a product whose concentration the service does not know; frequency not stated): check it"),
        new("orderRole", PlaceholderKind.Text, "The active order"),
        new("shortfall", PlaceholderKind.Text, "route not stated; at this grade only intravenous counts"),
        new("limit", PlaceholderKind.Text, "at most 1000 mg in 24 hours"),
        new("limitSource", PlaceholderKind.Text, new string('x', 200)),
        new("instead", PlaceholderKind.Text, "give methylprednisolone for ICANS instead"),
        new("requiredDose", PlaceholderKind.Text, "methylprednisolone 1000 mg IV once a day (1000 mg/day)"),
        new("replacement", PlaceholderKind.Text, " and order methylprednisolone 1000 mg IV once a day (1000 mg/day)"),
        new("draftReference", PlaceholderKind.Text, "MedicationRequest/" + new string('x', 64)),
        new("notes", PlaceholderKind.Markdown, "- note"),
        new("patientReference", PlaceholderKind.Text, "Patient/example"),
        new("now", PlaceholderKind.Text, "2026-01-15T12:00:00Z"),
        new("corticosteroidOrder", PlaceholderKind.Json, "", SampleOrder),
        new("correctedOrder", PlaceholderKind.Json, "", SampleOrder),
    ];

    /// <summary>The card for a finding, or null when the content has none (a deployment may remove a check).</summary>
    public static CardTemplate? Template(CardLibrary cards, OrderFinding finding)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(finding);
        var code = EnumCodes.ToCode(finding.Kind);
        return cards.For("order-sign", Kind).FirstOrDefault(t => t.AppliesTo.Finding == code);
    }

    /// <summary>The values of one finding's card.</summary>
    /// <param name="finding">The finding.</param>
    /// <param name="assessment">The patient's assessment.</param>
    /// <param name="situation">The patient's situation.</param>
    /// <param name="dosing">The dosing data that builds the suggested orders.</param>
    /// <param name="draft">The draft the finding is about, parsed, when it is about one.</param>
    /// <param name="patientId">context.patientId.</param>
    /// <param name="now">The time of the call.</param>
    /// <param name="unavailable">Optional data that could not be read (for example active orders), shown on the card.</param>
    /// <param name="prophylaxis">Who gets the prophylaxis reminder, for its wording.</param>
    public static IReadOnlyDictionary<string, PlaceholderValue> Values(
        OrderFinding finding,
        IcansAssessment assessment,
        IcansSituation situation,
        CorticosteroidDosing dosing,
        MedicationRequest? draft,
        string patientId,
        DateTimeOffset now,
        IReadOnlyList<string> unavailable,
        SeizureProphylaxisPolicy prophylaxis)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(dosing);
        ArgumentNullException.ThrowIfNull(unavailable);
        ArgumentNullException.ThrowIfNull(prophylaxis);

        // Children's doses are weight-based: the service suggests no fixed-dose order for them.
        var grade = situation.Pediatric ? null : finding.Grade;
        var order = finding.Order;
        var recognition = order is { RecognisedByNameOnly: true }
            ? $"- The drug of {TemplateFiller.EscapeMarkdown(order.Reference)} was recognised from its name only (no RxNorm code the service knows): check that it is {TemplateFiller.EscapeMarkdown(DrugName(order.Drug))}."
            : "";
        var notCounted = finding.NotCounted.IsDefaultOrEmpty ? [] : finding.NotCounted.Select(o =>
            $"- Not counted: {TemplateFiller.EscapeMarkdown(o.Reference)}, {DrugName(o.Drug)} {TemplateFiller.EscapeMarkdown(OrderReader.Describe(o))} ({(o.AsNeeded ? "only as needed" : "not systemic")}): it does not treat ICANS.");
        return new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["grade"] = PlaceholderValue.FromNumber(situation.Grade),
            ["gradeLabel"] = PlaceholderValue.FromText(ManagementCards.GradeLabel(assessment, situation.Grade)),
            ["crs"] = PlaceholderValue.FromText(ManagementCards.CrsText(assessment.Crs)),
            ["therapy"] = PlaceholderValue.FromText(assessment.Therapy?.Product.Display ?? "unknown therapy"),
            ["therapyTiming"] = PlaceholderValue.FromText(assessment.DaysSinceInfusion is { } d
                ? $"day {d.ToString(CultureInfo.InvariantCulture)} after the most recent {(situation.TCellEngager ? "dose" : "infusion")}"
                : "infusion date unknown"),
            ["prophylaxisDays"] = PlaceholderValue.FromText(prophylaxis.FromDay == 0
                ? $"from the infusion day to day {prophylaxis.ToDay.ToString(CultureInfo.InvariantCulture)}"
                : $"from day {prophylaxis.FromDay.ToString(CultureInfo.InvariantCulture)} to day {prophylaxis.ToDay.ToString(CultureInfo.InvariantCulture)}"),
            ["drug"] = PlaceholderValue.FromText(order is null ? "" : DrugName(order.Drug)),
            ["orderedDose"] = PlaceholderValue.FromText(order is null ? "" : OrderReader.Describe(order)),
            ["orderRole"] = PlaceholderValue.FromText(order is { IsDraft: false } ? "The active order" : "The draft"),
            ["shortfall"] = PlaceholderValue.FromText(ShortfallText(finding, order, situation.Pediatric)),
            ["limit"] = PlaceholderValue.FromText(finding.Ceiling is var (_, limit, value) ? LimitText(limit, value) : ""),
            ["limitSource"] = PlaceholderValue.FromText(finding.Ceiling?.Ceiling.Source ?? ""),
            ["instead"] = PlaceholderValue.FromText(finding.Grade is { } called
                ? $"give {called.Regimen.Drug.ToString().ToLowerInvariant()} for ICANS instead"
                : "manage ICANS by its grade instead"),
            ["requiredDose"] = PlaceholderValue.FromText(ManagementCards.CorticosteroidText(finding.Grade, situation.Pediatric)),
            ["draftReference"] = PlaceholderValue.FromText(order?.Reference ?? ""),
            ["replacement"] = PlaceholderValue.FromText(grade is null ? "" : " and order " + ManagementCards.RegimenText(grade.Regimen)),
            ["notes"] = PlaceholderValue.FromMarkdown(string.Join('\n', new[] { recognition }.Concat(notCounted).Concat(unavailable.Select(u => "- " + TemplateFiller.EscapeMarkdown(u))).Where(l => l.Length > 0))),
            ["patientReference"] = PlaceholderValue.FromText("Patient/" + patientId),
            ["now"] = PlaceholderValue.FromText(ManagementCards.Timestamp(now)),
            ["corticosteroidOrder"] = grade is null ? PlaceholderValue.None : Json(dosing.NewOrder(grade.Grade, patientId, now)),
            ["correctedOrder"] = grade is null || draft is null ? PlaceholderValue.None : Json(dosing.Corrected(grade.Grade, draft)),
        };
    }

    /// <summary>Why a corticosteroid order falls short, in words (the drug, or else the route and the dose); empty for other findings.</summary>
    internal static string ShortfallText(OrderFinding finding, DrugOrder? order, bool weightBased)
    {
        if (finding.Shortfall is null || order is null || finding.Grade is not { } grade)
        {
            return "";
        }

        if (finding.Shortfall == SteroidShortfall.WrongDrug)
        {
            return $"{DrugName(order.Drug)} does not count at grade {grade.Grade.ToString(CultureInfo.InvariantCulture)}";
        }

        var reasons = new List<string>();
        if (!grade.Accepts(order.RouteKind))
        {
            reasons.Add($"route {order.Route ?? EnumCodes.ToCode(order.RouteKind)}; at this grade only {string.Join(" or ", grade.Routes.Select(EnumCodes.ToCode))} counts");
        }

        // A child's dose is weight-based: never judged against the adult minimum.
        if (!weightBased && grade.MinimumMgPerDay.TryGetValue(order.Drug, out var minimum) && order.MgPerDay < minimum)
        {
            reasons.Add($"below the minimum of {minimum.ToString("0.##", CultureInfo.InvariantCulture)} mg/day");
        }

        return string.Join("; ", reasons);
    }

    private static string LimitText(CeilingLimit limit, decimal value)
    {
        var number = value.ToString("0.##", CultureInfo.InvariantCulture);
        return limit switch
        {
            CeilingLimit.PerDose => $"at most {number} mg per dose",
            CeilingLimit.PerDay => $"at most {number} mg in 24 hours",
            CeilingLimit.DosesPer24Hours => $"at most {number} doses in 24 hours, counting the patient's other orders",
            _ => $"at most {number} doses in all",
        };
    }

    public static string DrugName(IcansDrug drug) => drug == IcansDrug.Antiseizure ? "an antiseizure drug" : drug.ToString().ToLowerInvariant();

    private static PlaceholderValue Json(Resource resource) => PlaceholderValue.FromJson(JsonNode.Parse(Serializer.SerializeToString(resource))!);
}
