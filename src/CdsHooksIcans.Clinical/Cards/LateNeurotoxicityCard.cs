using System.Globalization;
using CdsHooksIcans.Clinical.Terminology;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// The patient-view card for late neurotoxicity after BCMA CAR-T (kind <c>late-neurotoxicity</c>): shown when the
/// assessment carries a current late sign, whatever the ICANS grade, and in place of the late-watch note, so one card at
/// most speaks about the late finding. It never restates the grade: that is the grading card's.
/// </summary>
public static class LateNeurotoxicityCard
{
    public const string Kind = "late-neurotoxicity";

    /// <summary>How many findings the summary names before it counts the rest.</summary>
    public const int FindingsInSummary = 3;

    /// <summary>The placeholders a late-neurotoxicity card may use, with their longest values (checked against the terminology in the tests).</summary>
    public static IReadOnlyList<PlaceholderSpec> PlaceholderSpecs { get; } =
    [
        new("findings", PlaceholderKind.Text, "Cranial nerve palsy, other than VI, Guillain-Barre syndrome, Peripheral neuropathy and 7 more"),
        new("evidence", PlaceholderKind.Markdown, "- **Parkinsonism**: charted 2026-01-15 12:00 UTC (`Observation/example`)"),
        new("therapy", PlaceholderKind.Text, "Ciltacabtagene autoleucel (Carvykti)"),
        new("therapyTiming", PlaceholderKind.Text, "day 365 after the most recent infusion"),
        new("patientReference", PlaceholderKind.Text, "Patient/example"),
        new("now", PlaceholderKind.Text, "2026-01-15T12:00:00Z"),
    ];

    /// <summary>The late-neurotoxicity cards due for this assessment: none without a current late sign.</summary>
    public static IEnumerable<CardTemplate> Select(CardLibrary cards, IcansAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(assessment);
        return assessment.LateNeurotoxicity.IsEmpty ? [] : cards.For("patient-view", Kind);
    }

    /// <summary>Whether a card says less than this card says, and so gives way to it: the BCMA late-watch card.</summary>
    public static bool Supersedes(CardTemplate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.AppliesTo.Kind == ManagementCards.LateWatchKind;
    }

    public static IReadOnlyDictionary<string, PlaceholderValue> Values(
        IcansAssessment assessment, IcansTerminology terminology, string patientId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(terminology);
        var names = Displays(terminology);
        var byFinding = assessment.LateNeurotoxicity.GroupBy(s => s.Finding, StringComparer.Ordinal).ToList();
        var findings = byFinding.Select(g => Name(names, g.Key)).ToList();
        var product = assessment.Therapy?.Product;
        return new Dictionary<string, PlaceholderValue>(StringComparer.Ordinal)
        {
            ["findings"] = PlaceholderValue.FromText(SummaryList(findings)),
            ["evidence"] = PlaceholderValue.FromMarkdown(string.Join('\n', byFinding.Select(g => EvidenceLine(Name(names, g.Key), [.. g])))),
            ["therapy"] = PlaceholderValue.FromText(product?.LateNeurotoxicityWatch == true ? product.Display : "BCMA CAR-T"),
            ["therapyTiming"] = PlaceholderValue.FromText(assessment.DaysSinceInfusion is { } d
                ? $"day {d.ToString(CultureInfo.InvariantCulture)} after the most recent infusion"
                : "infusion date unknown"),
            ["patientReference"] = PlaceholderValue.FromText("Patient/" + patientId),
            ["now"] = PlaceholderValue.FromText(ManagementCards.Timestamp(now)),
        };
    }

    public static LateNeurotoxicityExtension Extension(IcansAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(
            [.. assessment.LateNeurotoxicity.Select(s => s.Finding).Distinct(StringComparer.Ordinal)],
            [.. assessment.LateNeurotoxicity.Select(s => s.Source.Reference).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The first <see cref="FindingsInSummary"/> names, then how many more: the summary stays under 140 characters.</summary>
    public static string SummaryList(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var shown = string.Join(", ", names.Take(FindingsInSummary));
        return names.Count > FindingsInSummary
            ? $"{shown} and {(names.Count - FindingsInSummary).ToString(CultureInfo.InvariantCulture)} more"
            : shown;
    }

    /// <summary>The display of every finding code a late sign can carry (late-neurotoxicity and motor findings).</summary>
    public static IReadOnlyDictionary<string, string> Displays(IcansTerminology terminology)
    {
        ArgumentNullException.ThrowIfNull(terminology);
        return terminology.Expand(IcansCanonicals.LateNeurotoxicityFindings).Concat(terminology.Expand(IcansCanonicals.MotorFindings))
            .Where(c => c.System == IcansCanonicals.IcansFindingSystem && c.Code is not null)
            .GroupBy(c => c.Code!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Display ?? g.Key, StringComparer.Ordinal);
    }

    private static string Name(IReadOnlyDictionary<string, string> names, string code) => names.TryGetValue(code, out var name) ? name : code;

    // Newest first: the latest entry, and the earliest when the finding was charted more than once.
    private static string EvidenceLine(string name, IReadOnlyList<LateNeurotoxicitySign> signs)
    {
        var latest = signs[0];
        // FHIR ids have no backticks, so a code span shows a reference as it is.
        var references = string.Join(", ", signs.Select(s => $"`{s.Source.Reference}`").Distinct(StringComparer.Ordinal).Take(3));
        var since = signs.Count > 1 ? $", first {GradingCard.ReadableTime(signs[^1].Source.Time)}" : "";
        return $"- **{TemplateFiller.EscapeMarkdown(name)}**: charted {GradingCard.ReadableTime(latest.Source.Time)}{since} ({references})";
    }
}
