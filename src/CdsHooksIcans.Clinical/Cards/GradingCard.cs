using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CdsHooksIcans.Grading.Model;
using CdsHooksIcans.Grading.Rules;

namespace CdsHooksIcans.Clinical.Cards;

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
        new("missing", PlaceholderKind.Text, "newest CAPD not done, no recent level of consciousness"),
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

    public static IReadOnlyDictionary<string, PlaceholderValue> Values(IcansAssessment a, GradingContext context, CardWording wording)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(wording);
        var evidence = new JsonArray([.. a.Evidence.Select(p => (JsonNode)new JsonObject { ["reference"] = p.Reference })]);
        return new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["grade"] = PlaceholderValue.FromNumber(a.Grade ?? a.LowerBound),
            ["lowerBound"] = PlaceholderValue.FromNumber(a.LowerBound),
            ["drivers"] = PlaceholderValue.FromText(Drivers(a)),
            ["missing"] = PlaceholderValue.FromText(string.Join(", ", Gaps(a))),
            ["lateOnset"] = PlaceholderValue.FromText(a.LateOnset ? " (late onset)" : ""),
            ["therapy"] = PlaceholderValue.FromText(a.Therapy?.Product.Display ?? "unknown therapy"),
            ["therapyTiming"] = PlaceholderValue.FromText(TherapyTiming(a)),
            ["tool"] = PlaceholderValue.FromText(ToolName(a.CognitiveTool)),
            ["domainTable"] = PlaceholderValue.FromMarkdown(DomainTable(a)),
            ["crs"] = PlaceholderValue.FromText(Crs(a.Crs)),
            ["notes"] = PlaceholderValue.FromMarkdown(Notes(a, context, wording)),
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

    private static string FindingLabel(DomainState d) => d.Finding is { } finding ? Label(finding) : "not documented";

    // Codes read as words: awakens-to-voice → awakens to voice.
    private static string Label(string finding) => finding.Replace('-', ' ');

    /// <summary>Text that opens a sentence, its first letter capitalised.</summary>
    internal static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>A time as notes show it: <c>2026-01-15 11:00 UTC</c>.</summary>
    internal static string ReadableTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The cognitive tool as cards name it: ICE or CAPD.</summary>
    internal static string ToolName(IcansDomain tool) => tool == IcansDomain.Capd ? "CAPD" : "ICE";

    /// <summary>
    /// What keeps an incomplete result from a grade, one short phrase per missing domain: the newest ICE/CAPD not done,
    /// or none recent, and no recent level of consciousness.
    /// </summary>
    public static IEnumerable<string> Gaps(IcansAssessment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        foreach (var domain in a.MissingDomains)
        {
            var state = a.Domains.FirstOrDefault(d => d.Domain == domain);
            yield return domain switch
            {
                IcansDomain.Consciousness => "no recent level of consciousness",
                _ when state?.NotDone is not null => $"newest {ToolName(domain)} not done",
                _ => $"no recent {ToolName(domain)}",
            };
        }
    }

    // Two drivers keep the summary short; the detail lists them all.
    private static string Drivers(IcansAssessment a)
    {
        var driving = a.Domains.Where(d => a.DrivingDomains.Contains(d.Domain)).Select(FindingLabel).ToList();
        if (driving.Count == 0)
        {
            var excluded = a.Domains.SelectMany(d => d.Excluded).ToList();
            return a.Status != GradingStatus.Graded ? ""
                : excluded.Count == 1 ? Label(excluded[0].Finding) + " attributed to another cause"
                : excluded.Count > 1 ? $"{excluded.Count} findings attributed to other causes"
                : "no neurotoxicity findings";
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
            var grade = d.AttributedToOtherCause ? "0 (other cause)" : d.Grade?.ToString(CultureInfo.InvariantCulture) ?? "—";
            var latest = d.Evidence.OrderByDescending(p => p.Time).FirstOrDefault();
            var time = latest is null ? "—" : latest.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var sources = d.Evidence.Length == 0 ? "—" : string.Join(", ", d.Evidence.Select(p => TemplateFiller.EscapeMarkdown(p.Reference)));
            table.Append(CultureInfo.InvariantCulture, $"| {DomainLabel(d.Domain)} | {TemplateFiller.EscapeMarkdown(FindingLabel(d))} | {grade} | {time} | {sources} |\n");
        }

        return table.ToString().TrimEnd('\n');
    }

    /// <summary>The notes under the domain table: what is missing, what the time series decided, and what was excluded.</summary>
    private static string Notes(IcansAssessment a, GradingContext context, CardWording wording)
    {
        var notes = new List<string>();
        var tool = ToolName(a.CognitiveTool);
        if (a.Status == GradingStatus.Incomplete)
        {
            notes.Add(wording.Fill(CardWording.Keys.Incomplete, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["gaps"] = PlaceholderValue.FromText(string.Join("; ", Gaps(a))),
                ["lowerBound"] = PlaceholderValue.FromNumber(a.LowerBound),
            }));
        }

        if (a.Domains.FirstOrDefault(d => d.Domain == a.CognitiveTool) is { NotDone: { } notDone } cognitive)
        {
            var previous = cognitive.Trail.FirstOrDefault(e => e.Role == EvidenceRole.Superseded);
            notes.Add(wording.Fill(previous is null ? CardWording.Keys.NotDoneFirst : CardWording.Keys.NotDone, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["tool"] = PlaceholderValue.FromText(tool),
                ["time"] = PlaceholderValue.FromText(ReadableTime(notDone.Source.Time)),
                ["reason"] = Reason(wording, notDone.Comment),
                ["lastScore"] = PlaceholderValue.FromText(previous?.Finding ?? ""),
                ["lastTime"] = PlaceholderValue.FromText(previous is null ? "" : ReadableTime(previous.Source.Time)),
            }));
        }

        foreach (var d in a.Domains)
        {
            notes.AddRange(TimeSeriesNotes(d, wording));
        }

        foreach (var excluded in a.Domains.SelectMany(d => d.Excluded))
        {
            var advice = wording.ReassessmentFor(excluded.Comment);
            notes.Add(wording.Fill(CardWording.Keys.Excluded, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["finding"] = PlaceholderValue.FromText(Label(excluded.Finding)),
                ["time"] = PlaceholderValue.FromText(ReadableTime(excluded.Source.Time)),
                ["cause"] = excluded.Comment is { } cause
                    ? PlaceholderValue.FromMarkdown(wording.Fill(CardWording.Keys.Cause, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal) { ["text"] = PlaceholderValue.FromText(cause) }))
                    : PlaceholderValue.FromMarkdown(wording.Fill(CardWording.Keys.NoCause)),
                ["reassess"] = PlaceholderValue.FromMarkdown(TemplateFiller.FillText(advice.Text, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal) { ["tool"] = PlaceholderValue.FromText(tool) })),
            }));
        }

        if (a.LateOnset)
        {
            notes.Add(wording.Fill(CardWording.Keys.LateOnset));
        }

        if (a.Monitoring == MonitoringState.InfusionDateUnknown)
        {
            notes.Add(wording.Fill(CardWording.Keys.InfusionDateUnknown));
        }

        notes.AddRange(context.Unavailable.Select(u => wording.Fill(CardWording.Keys.Unavailable, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["key"] = PlaceholderValue.FromText(u.Key),
            ["reason"] = PlaceholderValue.FromText(u.Reason),
        })));
        if (a.PriorGrades.Length > 0)
        {
            var prior = a.PriorGrades[0];
            notes.Add(wording.Fill(CardWording.Keys.PriorGrade, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["grade"] = PlaceholderValue.FromText(prior.Value?.ToString(CultureInfo.InvariantCulture) ?? "unspecified"),
                ["date"] = PlaceholderValue.FromText(prior.Source.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ["reference"] = PlaceholderValue.FromText(prior.Source.Reference),
            }));
        }

        return notes.Count == 0 ? "" : string.Join('\n', notes.Select(n => "- " + n));
    }

    /// <summary>
    /// For a domain of persisting findings: why the worst finding still counts although a later entry is milder, and which
    /// findings a later normal entry resolved.
    /// </summary>
    private static IEnumerable<string> TimeSeriesNotes(DomainState d, CardWording wording)
    {
        var normal = d.Domain switch
        {
            IcansDomain.Motor => Label(AstctCells.FindingCode(MotorFinding.NoMotorFinding)),
            IcansDomain.IcpEdema => Label(AstctCells.FindingCode(IcpEdemaFinding.NoEdema)),
            _ => null,
        };
        if (normal is null)
        {
            yield break;
        }

        var later = d.Trail.Where(e => e.Role == EvidenceRole.NotResolving).ToList();
        if (later.Count > 0 && d.Trail.FirstOrDefault(e => e.Role == EvidenceRole.Counts) is { } worst)
        {
            yield return wording.Fill(CardWording.Keys.FindingPersists, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["finding"] = PlaceholderValue.FromText(Sentence(Label(worst.Finding))),
                ["time"] = PlaceholderValue.FromText(ReadableTime(worst.Source.Time)),
                ["later"] = PlaceholderValue.FromText(string.Join(", ", later.Select(e => $"{Label(e.Finding)} ({ReadableTime(e.Source.Time)})"))),
                ["normal"] = PlaceholderValue.FromText(normal),
            });
        }

        foreach (var resolved in d.Trail.Where(e => e.Role == EvidenceRole.Resolved))
        {
            yield return wording.Fill(CardWording.Keys.FindingResolved, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["finding"] = PlaceholderValue.FromText(Sentence(Label(resolved.Finding))),
                ["time"] = PlaceholderValue.FromText(ReadableTime(resolved.Source.Time)),
                ["normal"] = PlaceholderValue.FromText(normal),
                ["resolvedTime"] = PlaceholderValue.FromText(ReadableTime(resolved.ResolvedBy!.Time)),
            });
        }
    }

    /// <summary>The charted reason an attempt was not done, as a fragment of its sentence; nothing when none was charted.</summary>
    internal static PlaceholderValue Reason(CardWording wording, string? reason) => reason is null
        ? PlaceholderValue.FromMarkdown("")
        : PlaceholderValue.FromMarkdown(wording.Fill(CardWording.Keys.Reason, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal) { ["text"] = PlaceholderValue.FromText(reason) }));

    private static List<string>? NullIfEmpty(IEnumerable<string> items) => items.ToList() is { Count: > 0 } list ? list : null;
}
