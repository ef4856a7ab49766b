using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>The <c>org.cdshooks-icans.grading</c> card extension of data-contract §4 (empty lists are null so they are omitted).</summary>
public sealed record GradingExtension(
    string Status,
    int? Grade,
    int LowerBound,
    int? CrsGrade,
    string? Therapy,
    int? DaysSinceInfusion,
    IReadOnlyList<string>? DrivingDomains,
    IReadOnlyList<string>? Evidence,
    IReadOnlyList<string>? MissingDomains,
    bool? LateOnset)
{
    public const string Key = "org.cdshooks-icans.grading";
}

/// <summary>What the grading card is built from, besides the assessment.</summary>
/// <param name="PatientId">context.patientId.</param>
/// <param name="Now">The time of grading.</param>
/// <param name="Unavailable">Optional data that could not be read (prefetch key and reason), shown on the card.</param>
public sealed record GradingContext(string PatientId, DateTimeOffset Now, IReadOnlyList<(string Key, string Reason)> Unavailable);

/// <summary>Turns an <see cref="IcansAssessment"/> into the values of the grading card's placeholders, and the extension.</summary>
public static class GradingCard
{
    public const string Kind = "grading";
    private const int MaxDriversLength = 70;

    /// <summary>The placeholders grading cards may use, with their longest values.</summary>
    public static IReadOnlyList<PlaceholderSpec> PlaceholderSpecs { get; } =
    [
        new("grade", PlaceholderKind.Number, "4"),
        new("lowerBound", PlaceholderKind.Number, "4"),
        new("drivers", PlaceholderKind.Text, new string('x', MaxDriversLength)),
        new("missing", PlaceholderKind.Text, "ICE/CAPD, level of consciousness"),
        new("lateOnset", PlaceholderKind.Text, " (late onset)"),
        new("therapy", PlaceholderKind.Text, "brexucabtagene autoleucel"),
        new("therapyTiming", PlaceholderKind.Text, "day 100 after the most recent infusion"),
        new("tool", PlaceholderKind.Text, "CAPD"),
        new("domainTable", PlaceholderKind.Markdown, "| table |"),
        new("crs", PlaceholderKind.Text, "CRS grade 4 (ASTCT), current"),
        new("notes", PlaceholderKind.Markdown, "- note"),
        new("patientReference", PlaceholderKind.Text, "Patient/example"),
        new("now", PlaceholderKind.Text, "2026-01-15T12:00:00Z"),
        new("evidenceReferences", PlaceholderKind.Json, "", """[{"reference":"Observation/example"}]"""),
    ];

    /// <summary>The template for this assessment: graded or incomplete.</summary>
    public static CardTemplate SelectTemplate(CardLibrary cards, IcansAssessment assessment)
    {
        var status = assessment.Status == GradingStatus.Graded ? "graded" : "incomplete";
        return cards.For("patient-view", Kind).FirstOrDefault(t => t.AppliesTo.Status == status)
            ?? throw new InvalidOperationException($"cards/ has no patient-view grading card for status '{status}'.");
    }

    public static IReadOnlyDictionary<string, PlaceholderValue> Values(IcansAssessment a, GradingContext context)
    {
        var evidence = new JsonArray([.. a.Evidence.Select(p => (JsonNode)new JsonObject { ["reference"] = p.Reference })]);
        return new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["grade"] = PlaceholderValue.FromNumber(a.Grade ?? a.LowerBound),
            ["lowerBound"] = PlaceholderValue.FromNumber(a.LowerBound),
            ["drivers"] = PlaceholderValue.FromText(Drivers(a)),
            ["missing"] = PlaceholderValue.FromText(string.Join(", ", a.MissingDomains.Select(DomainLabel))),
            ["lateOnset"] = PlaceholderValue.FromText(a.LateOnset ? " (late onset)" : ""),
            ["therapy"] = PlaceholderValue.FromText(a.Therapy?.Product.Display ?? "unknown therapy"),
            ["therapyTiming"] = PlaceholderValue.FromText(TherapyTiming(a)),
            ["tool"] = PlaceholderValue.FromText(a.CognitiveTool == IcansDomain.Capd ? "CAPD" : "ICE"),
            ["domainTable"] = PlaceholderValue.FromMarkdown(DomainTable(a)),
            ["crs"] = PlaceholderValue.FromText(Crs(a.Crs)),
            ["notes"] = PlaceholderValue.FromMarkdown(Notes(a, context)),
            ["patientReference"] = PlaceholderValue.FromText("Patient/" + context.PatientId),
            ["now"] = PlaceholderValue.FromText(context.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            ["evidenceReferences"] = PlaceholderValue.FromJson(evidence),
        };
    }

    public static GradingExtension Extension(IcansAssessment a) => new(
        a.Status == GradingStatus.Graded ? "graded" : "incomplete",
        a.Grade,
        a.LowerBound,
        a.Crs.Grade,
        a.Therapy?.Product.Code,
        a.DaysSinceInfusion,
        NullIfEmpty(a.DrivingDomains.Select(DomainName)),
        NullIfEmpty(a.Evidence.Select(p => p.Reference)),
        NullIfEmpty(a.MissingDomains.Select(DomainName)),
        a.LateOnset ? true : null);

    /// <summary>The contract's domain names: ice, capd, consciousness, seizure, motor, icp-edema.</summary>
    public static string DomainName(IcansDomain domain) => domain switch
    {
        IcansDomain.IcpEdema => "icp-edema",
        _ => domain.ToString().ToLowerInvariant(),
    };

    private static string DomainLabel(IcansDomain domain) => domain switch
    {
        IcansDomain.Ice => "ICE",
        IcansDomain.Capd => "CAPD",
        IcansDomain.Consciousness => "level of consciousness",
        IcansDomain.Seizure => "seizure",
        IcansDomain.Motor => "motor findings",
        _ => "ICP/cerebral edema",
    };

    private static string FindingLabel(DomainState d) => (d.Finding ?? "not documented").Replace('-', ' ');

    // Two drivers keep the summary short; the detail lists them all.
    private static string Drivers(IcansAssessment a)
    {
        var driving = a.Domains.Where(d => a.DrivingDomains.Contains(d.Domain)).Select(FindingLabel).ToList();
        if (driving.Count == 0)
        {
            return a.Status == GradingStatus.Graded ? "no neurotoxicity findings" : "";
        }

        var text = string.Join(", ", driving.Take(2)) + (driving.Count > 2 ? $" +{driving.Count - 2} more" : "");
        return text.Length <= MaxDriversLength ? text : text[..(MaxDriversLength - 1)] + "…";
    }

    private static string TherapyTiming(IcansAssessment a) => a.DaysSinceInfusion switch
    {
        null => "infusion date unknown",
        var d => $"day {d} after the most recent {(a.Therapy?.Product.Class == TherapyClass.TCellEngager ? "dose" : "infusion")}",
    };

    private static string Crs(CrsState crs) => crs switch
    {
        { Present: true, Grade: { } g } => $"CRS grade {g} (ASTCT), current",
        { Present: true } => "CRS present, grade not stated",
        { Grade: 0 } => "No CRS (grade 0)",
        _ => "No current CRS documented",
    };

    private static string DomainTable(IcansAssessment a)
    {
        var table = new StringBuilder("| Domain | Finding | Grade | Time (UTC) | Source |\n|---|---|---|---|---|\n");
        foreach (var d in a.Domains)
        {
            var grade = d.AttributedToOtherCause ? "excluded (other cause)" : d.Grade?.ToString(CultureInfo.InvariantCulture) ?? "—";
            var latest = d.Evidence.OrderByDescending(p => p.Time).FirstOrDefault();
            var time = latest is null ? "—" : latest.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var sources = d.Evidence.Length == 0 ? "—" : string.Join(", ", d.Evidence.Select(p => TemplateFiller.EscapeMarkdown(p.Reference)));
            table.Append(CultureInfo.InvariantCulture, $"| {DomainLabel(d.Domain)} | {TemplateFiller.EscapeMarkdown(FindingLabel(d))} | {grade} | {time} | {sources} |\n");
        }

        return table.ToString().TrimEnd('\n');
    }

    private static string Notes(IcansAssessment a, GradingContext context)
    {
        var notes = new List<string>();
        if (a.Status == GradingStatus.Incomplete)
        {
            notes.Add($"Not graded: {string.Join(", ", a.MissingDomains.Select(DomainLabel))} not documented in the assessment window. The grade is at least {a.LowerBound}.");
        }

        if (a.LateOnset)
        {
            notes.Add("Outside the usual monitoring window: late-onset ICANS is rare but possible.");
        }

        if (a.Monitoring == MonitoringState.InfusionDateUnknown)
        {
            notes.Add("A history of CAR-T therapy is recorded, but no infusion record was found: the infusion date is unknown.");
        }

        notes.AddRange(context.Unavailable.Select(u => $"Could not read {TemplateFiller.EscapeMarkdown(u.Key)}: {TemplateFiller.EscapeMarkdown(u.Reason)}."));
        if (a.PriorGrades.Length > 0)
        {
            var prior = a.PriorGrades[0];
            notes.Add($"Most recent recorded ICANS grade: {prior.Value?.ToString(CultureInfo.InvariantCulture) ?? "unspecified"} ({prior.Source.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {TemplateFiller.EscapeMarkdown(prior.Source.Reference)}); history only, not used for the current grade.");
        }

        return notes.Count == 0 ? "" : string.Join('\n', notes.Select(n => "- " + n));
    }

    private static List<string>? NullIfEmpty(IEnumerable<string> items) => items.ToList() is { Count: > 0 } list ? list : null;
}
