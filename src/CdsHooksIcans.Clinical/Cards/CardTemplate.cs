using System.Text.Json.Nodes;
using CdsHooksIcans.Grading.Management;
using CdsHooksIcans.Grading.Model;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// One card as clinicians write it in <c>cards/</c>: text with named placeholders (<c>{grade}</c>), the guideline it
/// comes from, and suggestions that carry complete FHIR resource templates. Loaded and validated once at start-up.
/// </summary>
/// <remarks>
/// <see cref="Guidelines"/> are ids of <c>cards/data/citations.json</c> (the short citation the text uses, such as
/// <c>ASCO 2021</c>). <see cref="Source"/> is null only for a management section, which its card's source covers.
/// </remarks>
public sealed record CardTemplate(
    string Id,
    string File,
    CardApplicability AppliesTo,
    string Summary,
    string? Detail,
    IndicatorRule Indicator,
    SourceContent? Source,
    IReadOnlyList<SuggestionTemplate> Suggestions,
    string? SelectionBehavior,
    IReadOnlyList<LinkContent> Links,
    IReadOnlyList<CodingContent> OverrideReasons,
    IReadOnlyList<string> Guidelines);

/// <summary>What a card applies to. Null members match anything.</summary>
/// <param name="Hook">patient-view or order-sign.</param>
/// <param name="Kind">What the card is for, for example <c>grading</c>.</param>
/// <param name="Status">graded or incomplete: grading cards are chosen by it, and a management card may apply to one only.</param>
/// <param name="Grades">ICANS grades the card applies to.</param>
/// <param name="Crs">Concurrent CRS present (true) or absent (false).</param>
/// <param name="HighRiskProduct">Product of high ICANS risk (axi-cel, brexu-cel).</param>
/// <param name="Pediatric">Patient under 18: doses are weight-based.</param>
/// <param name="TCellEngager">Therapy is a T-cell-engaging bispecific.</param>
/// <param name="LateWatch">Product with delayed neurotoxicity (BCMA CAR-T).</param>
/// <param name="Finding">For order-sign cards: the order-check finding, for example <c>corticosteroid-missing</c>.</param>
/// <param name="AssessmentOverdue">The last ICE/CAPD is more than 12 hours old (a management section's condition).</param>
/// <param name="CrsDocumented">CRS is charted either way (true) or not documented at all (false: neither a current grade nor a diagnosis of this course).</param>
public sealed record CardApplicability(
    string Hook,
    string Kind,
    string? Status = null,
    IReadOnlyList<int>? Grades = null,
    bool? Crs = null,
    bool? HighRiskProduct = null,
    bool? Pediatric = null,
    bool? TCellEngager = null,
    bool? LateWatch = null,
    string? Finding = null,
    bool? AssessmentOverdue = null,
    bool? CrsDocumented = null)
{
    /// <summary>Whether every condition the card states holds for the patient.</summary>
    /// <param name="situation">What management depends on.</param>
    /// <param name="assessmentOverdue">Whether the ICE/CAPD assessment is overdue.</param>
    public bool Matches(IcansSituation situation, bool assessmentOverdue = false)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return (AssessmentOverdue is null || AssessmentOverdue == assessmentOverdue)
            && (Status is null || Status == (situation.Graded ? "graded" : "incomplete"))
            && (Grades is null || Grades.Contains(situation.Grade))
            && (Crs is null || Crs == situation.CrsPresent)
            && (CrsDocumented is null || CrsDocumented == (situation.Crs != CrsStatus.Unknown))
            && (HighRiskProduct is null || HighRiskProduct == situation.HighRiskProduct)
            && (Pediatric is null || Pediatric == situation.Pediatric)
            && (TCellEngager is null || TCellEngager == situation.TCellEngager)
            && (LateWatch is null || LateWatch == situation.LateWatchProduct);
    }
}

/// <summary>The indicator: fixed, or chosen by ICANS grade.</summary>
public sealed record IndicatorRule(string? Fixed, IReadOnlyDictionary<int, string>? ByGrade)
{
    public string For(int? grade) =>
        Fixed ?? (grade is { } g && ByGrade is not null && ByGrade.TryGetValue(g, out var indicator)
            ? indicator
            : throw new InvalidOperationException($"No indicator for grade {grade?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}."));
}

public sealed record SourceContent(string Label, string? Url, CodingContent? Topic);

public sealed record CodingContent(string System, string Code, string? Display);

public sealed record LinkContent(string Label, string Url, string Type);

/// <summary>A suggestion; <paramref name="Pediatric"/>, when set, offers it only to children (true) or only to adults (false).</summary>
public sealed record SuggestionTemplate(string Label, bool IsRecommended, IReadOnlyList<ActionTemplate> Actions, bool? Pediatric = null);

/// <summary>
/// A suggested action. <see cref="Resource"/> is a FHIR resource template whose strings may hold placeholders, or a
/// string that is a single JSON placeholder for a resource the service builds (a corrected draft order).
/// </summary>
public sealed record ActionTemplate(string Type, string Description, JsonNode? Resource, string? ResourceId);
