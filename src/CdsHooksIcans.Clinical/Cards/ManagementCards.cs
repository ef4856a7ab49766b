using System.Globalization;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The patient-view management card: one per grade and CRS state (<c>management</c>), with the sections that apply to
/// the patient folded in (<c>management-section</c>: high-risk products, children, T-cell engagers, BCMA late watch, an
/// overdue ICE/CAPD). Which sections apply is the content's <c>appliesTo</c>. Besides it: the late-watch card when no
/// grading card is shown, and research cards only when the deployment turns them on (docs/adr/0018).
/// </summary>
public static class ManagementCards
{
    public const string ManagementKind = "management";
    public const string SectionKind = "management-section";
    public const string LateWatchKind = "late-watch";
    public const string ResearchKind = "research";

    /// <summary>Where a card includes its sections.</summary>
    public const string SectionsPlaceholder = "{sections}";

    /// <summary>The card kinds that include sections.</summary>
    public static IReadOnlySet<string> HostKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { ManagementKind, LateWatchKind };

    private static readonly string[] IndicatorOrder = ["info", "warning", "critical"];

    /// <summary>The placeholders patient-view management cards may use, with their longest values.</summary>
    public static IReadOnlyList<PlaceholderSpec> PatientViewPlaceholders { get; } =
    [
        new("grade", PlaceholderKind.Number, "4"),
        new("gradeLabel", PlaceholderKind.Text, "grade at least 4"),
        new("crs", PlaceholderKind.Text, "CRS grade 4 (ASTCT), current"),
        new("therapy", PlaceholderKind.Text, "brexucabtagene autoleucel"),
        new("therapyTiming", PlaceholderKind.Text, "day 100 after the most recent infusion"),
        new("tool", PlaceholderKind.Text, "CAPD"),
        new("corticosteroid", PlaceholderKind.Text, "methylprednisolone 1000 mg IV once a day (1000 mg/day)"),
        new("lastAssessment", PlaceholderKind.Text, "none in the last 24 hours"),
        new("missing", PlaceholderKind.Text, "newest CAPD not done, no recent level of consciousness"),
        new("completeAssessment", PlaceholderKind.Markdown, "**complete the assessment**"),
        new("corticosteroidNow", PlaceholderKind.Markdown, " **Now: dexamethasone 10 mg IV every 6 hours (40 mg/day) (MedicationRequest/x) is below this grade.**"),
        new("patientReference", PlaceholderKind.Text, "Patient/example"),
        new("now", PlaceholderKind.Text, "2026-01-15T12:00:00Z"),
    ];

    /// <summary>The placeholders of cards that include sections: the patient-view ones and <c>{sections}</c>.</summary>
    public static IReadOnlyList<PlaceholderSpec> HostPlaceholders { get; } =
        [.. PatientViewPlaceholders, new("sections", PlaceholderKind.Markdown, "")];

    /// <summary>
    /// The cards that follow the grading card, as templates with their sections folded in: one management card when a
    /// grading card is shown (plus research cards when <paramref name="showResearch"/>), the late-watch card alone when
    /// it is not and the patient is in the BCMA late watch, else none.
    /// </summary>
    /// <param name="cards">The card content.</param>
    /// <param name="assessment">The grading result.</param>
    /// <param name="situation">What management depends on.</param>
    /// <param name="now">The time of the hook call, for the overdue check.</param>
    /// <param name="showResearch">Whether the deployment shows research cards (off by default: alert fatigue).</param>
    public static IReadOnlyList<CardTemplate> Select(CardLibrary cards, IcansAssessment assessment, IcansSituation situation, DateTimeOffset now, bool showResearch = false)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(situation);
        // An incomplete result's management card asks for the assessment itself; the overdue section is for graded ones.
        var overdue = assessment.ShowGradingCard && assessment.Status == GradingStatus.Graded && CognitiveAssessmentSchedule.IsOverdue(assessment, now);
        var pv = cards.Templates.Where(t => t.AppliesTo.Hook == "patient-view" && t.AppliesTo.Matches(situation, overdue)).ToList();
        var sections = pv.Where(t => t.AppliesTo.Kind == SectionKind).ToList();
        if (!assessment.ShowGradingCard)
        {
            return assessment.Monitoring == MonitoringState.LateWatch
                ? [.. pv.Where(t => t.AppliesTo.Kind == LateWatchKind).Select(t => Compose(t, sections, situation.Grade))]
                : [];
        }

        // The library guarantees exactly one management card per situation.
        var answer = new List<CardTemplate> { Compose(pv.Single(t => t.AppliesTo.Kind == ManagementKind), sections, situation.Grade) };
        if (showResearch)
        {
            answer.AddRange(pv.Where(t => t.AppliesTo.Kind == ResearchKind));
        }

        return answer;
    }

    /// <summary>
    /// The card with its sections in place of <c>{sections}</c> (each under its summary in bold), their suggestions and
    /// links after its own, their guidelines added, and the most severe indicator of the card and its sections.
    /// </summary>
    public static CardTemplate Compose(CardTemplate card, IReadOnlyList<CardTemplate> sections, int grade)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(sections);
        var text = string.Join("\n\n", sections.Select(s => $"**{s.Summary}.** {s.Detail}"));
        var indicator = sections.Select(s => s.Indicator.For(grade)).Append(card.Indicator.For(grade)).MaxBy(i => Array.IndexOf(IndicatorOrder, i))!;
        var suggestions = card.Suggestions.Concat(sections.SelectMany(s => s.Suggestions)).ToList();
        return card with
        {
            Detail = card.Detail!.Replace(SectionsPlaceholder, text, StringComparison.Ordinal),
            Indicator = new IndicatorRule(indicator, null),
            Suggestions = suggestions,
            // CDS Hooks asks for a selection behaviour whenever there are suggestions; sections may bring the first ones.
            SelectionBehavior = card.SelectionBehavior ?? (suggestions.Count > 0 ? "any" : null),
            Links = [.. card.Links.Concat(sections.SelectMany(s => s.Links))],
            Guidelines = [.. card.Guidelines.Concat(sections.SelectMany(s => s.Guidelines)).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The values of the management card.</summary>
    /// <param name="assessment">The grading result.</param>
    /// <param name="plan">What management applies.</param>
    /// <param name="patientId">context.patientId.</param>
    /// <param name="now">The time of the call.</param>
    /// <param name="wording">The phrases cards are composed from.</param>
    /// <param name="corticosteroidNow">What the active corticosteroid regimen means for this grade (<see cref="CorticosteroidNow"/>).</param>
    public static IReadOnlyDictionary<string, PlaceholderValue> Values(
        IcansAssessment assessment, ManagementPlan plan, string patientId, DateTimeOffset now, CardWording wording, string corticosteroidNow = "")
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(wording);
        var cognitive = GradingCard.ToolName(assessment.CognitiveTool);
        return new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["grade"] = PlaceholderValue.FromNumber(plan.Grade),
            ["gradeLabel"] = PlaceholderValue.FromText(GradeLabel(assessment, plan.Grade)),
            ["crs"] = PlaceholderValue.FromText(CrsText(assessment.Crs)),
            ["therapy"] = PlaceholderValue.FromText(assessment.Therapy?.Product.Display ?? "unknown therapy"),
            ["therapyTiming"] = PlaceholderValue.FromText(assessment.DaysSinceInfusion is { } d
                ? $"day {d.ToString(CultureInfo.InvariantCulture)} after the most recent {(assessment.Therapy?.Product.Class == TherapyClass.TCellEngager ? "dose" : "infusion")}"
                : "infusion date unknown"),
            ["tool"] = PlaceholderValue.FromText(cognitive),
            ["corticosteroid"] = PlaceholderValue.FromText(CorticosteroidText(plan.Corticosteroid, plan.WeightBasedDosing)),
            ["lastAssessment"] = PlaceholderValue.FromText(CognitiveAssessmentSchedule.LastAssessment(assessment) is { } last
                ? $"{cognitive} at {GradingCard.ReadableTime(last)}"
                : "none in the last 24 hours"),
            ["missing"] = PlaceholderValue.FromText(string.Join(", ", GradingCard.Gaps(assessment))),
            ["completeAssessment"] = PlaceholderValue.FromMarkdown(CompleteAssessment(assessment, now, wording)),
            ["corticosteroidNow"] = PlaceholderValue.FromMarkdown(corticosteroidNow),
            ["patientReference"] = PlaceholderValue.FromText("Patient/" + patientId),
            ["now"] = PlaceholderValue.FromText(Timestamp(now)),
        };
    }

    /// <summary>
    /// For an incomplete result, what to do first: the steps that complete the assessment (score the cognitive tool,
    /// document consciousness, repeat an overdue score) and, from a lower bound of 1, that the grade's management applies
    /// as a minimum, as a paragraph of its own (it ends in a blank line). Empty when graded, so the card's text is used as
    /// it is.
    /// </summary>
    public static string CompleteAssessment(IcansAssessment assessment, DateTimeOffset now, CardWording wording)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(wording);
        if (assessment.Status == GradingStatus.Graded)
        {
            return "";
        }

        var tool = GradingCard.ToolName(assessment.CognitiveTool);
        var items = wording.Fill(assessment.CognitiveTool == IcansDomain.Capd ? CardWording.Keys.ToolCapd : CardWording.Keys.ToolIce);
        var steps = new List<string>();
        foreach (var missing in assessment.MissingDomains)
        {
            var notDone = assessment.Domains.FirstOrDefault(d => d.Domain == missing)?.NotDone;
            steps.Add(missing switch
            {
                IcansDomain.Consciousness => wording.Fill(CardWording.Keys.StepConsciousness),
                _ when notDone is not null => wording.Fill(CardWording.Keys.StepNotDone, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
                {
                    ["tool"] = PlaceholderValue.FromText(tool),
                    ["toolItems"] = PlaceholderValue.FromMarkdown(items),
                    ["time"] = PlaceholderValue.FromText(GradingCard.ReadableTime(notDone.Source.Time)),
                    ["reason"] = GradingCard.Reason(wording, notDone.Comment),
                }),
                _ => wording.Fill(CardWording.Keys.StepNone, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
                {
                    ["tool"] = PlaceholderValue.FromText(tool),
                    ["toolItems"] = PlaceholderValue.FromMarkdown(items),
                }),
            });
        }

        if (!assessment.MissingDomains.Contains(assessment.CognitiveTool) && CognitiveAssessmentSchedule.IsOverdue(assessment, now)
            && CognitiveAssessmentSchedule.LastAssessment(assessment) is { } last)
        {
            steps.Add(wording.Fill(CardWording.Keys.StepOverdue, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["tool"] = PlaceholderValue.FromText(tool),
                ["time"] = PlaceholderValue.FromText(GradingCard.ReadableTime(last)),
            }));
        }

        var text = wording.Fill(CardWording.Keys.CompleteAssessment, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["steps"] = PlaceholderValue.FromMarkdown(string.Join("; ", steps.Select((step, i) => i == 0 ? GradingCard.Sentence(step) : step))),
        });
        return (assessment.LowerBound >= 1
            ? text + " " + wording.Fill(CardWording.Keys.CompleteUntil, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["lowerBound"] = PlaceholderValue.FromNumber(assessment.LowerBound),
            })
            : text) + "\n\n";
    }

    /// <summary>
    /// What the patient's active corticosteroid orders mean for the grade, in the order checks' own terms, so the management
    /// card and order-sign say the same: escalate, meets it, or a dose to check. Empty when the grade calls for no
    /// corticosteroid (or only offers one), when none is active, or when the active orders could not be read.
    /// </summary>
    /// <param name="policy">What the grade calls for (<see cref="CorticosteroidPolicy.RemindedFor"/>).</param>
    /// <param name="situation">The patient's situation (a child's dose is not judged).</param>
    /// <param name="active">The patient's recognised active drug orders, or null when they could not be read.</param>
    /// <param name="wording">The phrases cards are composed from.</param>
    public static string CorticosteroidNow(GradeSteroidPolicy? policy, IcansSituation situation, IReadOnlyList<DrugOrder>? active, CardWording wording)
    {
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(wording);
        if (policy is null || active is null || !active.Any(o => o.IsCorticosteroid && o.IsRegimen))
        {
            return "";
        }

        string Named(DrugOrder o) => $"{o.Drug.ToString().ToLowerInvariant()} {OrderReader.Describe(o)} ({o.Reference})";
        var required = PlaceholderValue.FromText(CorticosteroidText(policy, situation.Pediatric));
        return OrderChecks.Corticosteroid(policy, situation, [], active) switch
        {
            // A child's dose is weight-based and not judged: "meets this grade" would claim more than the service knows.
            null when situation.Pediatric => "",
            null => wording.Fill(CardWording.Keys.SteroidMeets, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["orders"] = PlaceholderValue.FromText(string.Join(", ", active.Where(o => o.IsCorticosteroid && o.IsRegimen).Select(Named))),
            }),
            { Kind: OrderFindingKind.CorticosteroidEscalation, Order: { } order } finding => wording.Fill(CardWording.Keys.SteroidEscalate, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["order"] = PlaceholderValue.FromText(Named(order)),
                ["shortfall"] = PlaceholderValue.FromText(OrderCheckCards.ShortfallText(finding, order, situation.Pediatric)),
                ["required"] = required,
            }),
            { Kind: OrderFindingKind.CorticosteroidDoseNotReadable, Order: { } order } => wording.Fill(CardWording.Keys.SteroidUnreadable, new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
            {
                ["order"] = PlaceholderValue.FromText(Named(order)),
                ["required"] = required,
            }),
            _ => "",
        };
    }

    /// <summary>What the grade calls for, in words; for children, that the dose is weight-based.</summary>
    public static string CorticosteroidText(GradeSteroidPolicy? policy, bool weightBased) => policy switch
    {
        null => "no corticosteroid at this grade",
        _ when weightBased => $"{policy.Regimen.Drug.ToString().ToLowerInvariant()}, weight-based dose for a child",
        _ => RegimenText(policy.Regimen),
    };

    /// <summary>"dexamethasone 10 mg IV every 6 hours (40 mg/day)".</summary>
    public static string RegimenText(SteroidRegimen regimen)
    {
        ArgumentNullException.ThrowIfNull(regimen);
        return $"{regimen.Drug.ToString().ToLowerInvariant()} {OrderReader.Describe(regimen.MgPerDose, regimen.DosesPerDay, regimen.Route)}";
    }

    public static string GradeLabel(IcansAssessment assessment, int grade)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.Status == GradingStatus.Graded
            ? "grade " + grade.ToString(CultureInfo.InvariantCulture)
            : "grade at least " + grade.ToString(CultureInfo.InvariantCulture);
    }

    public static string CrsText(CrsState crs)
    {
        ArgumentNullException.ThrowIfNull(crs);
        return crs switch
        {
            { Present: true, Grade: { } g } => $"CRS grade {g.ToString(CultureInfo.InvariantCulture)} (ASTCT), current",
            { Present: true } => "CRS present, grade not stated",
            { Status: CrsStatus.Absent } => "No CRS (ASTCT grade 0)",
            _ => "CRS not documented in the last 24 hours",
        };
    }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
