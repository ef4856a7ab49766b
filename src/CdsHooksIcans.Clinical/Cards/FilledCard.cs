using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>A card filled for one patient, ready to become a CDS Hooks card.</summary>
public sealed record FilledCard(
    string TemplateId,
    string Uuid,
    string Summary,
    string? Detail,
    string Indicator,
    SourceContent Source,
    IReadOnlyList<FilledSuggestion> Suggestions,
    string? SelectionBehavior,
    IReadOnlyList<LinkContent> Links,
    IReadOnlyList<CodingContent> OverrideReasons);

public sealed record FilledSuggestion(string Uuid, string Label, bool IsRecommended, IReadOnlyList<FilledAction> Actions);

public sealed record FilledAction(string Type, string Description, JsonObject? Resource, string? ResourceId);

/// <summary>New ids for cards and suggestions; injected so responses are deterministic in tests.</summary>
public interface IIdGenerator
{
    string NewId();
}

/// <summary>Random version-4 UUIDs: un-guessable, as feedback ids should be.</summary>
public sealed class RandomIdGenerator : IIdGenerator
{
    public string NewId() => Guid.NewGuid().ToString();
}

public static class CardFilling
{
    /// <summary>Fills every text, markdown and resource template of a card.</summary>
    public static FilledCard Fill(this CardTemplate template, IReadOnlyDictionary<string, PlaceholderValue> values, int? grade, IIdGenerator ids) => new(
        template.Id,
        ids.NewId(),
        TemplateFiller.FillText(template.Summary, values),
        template.Detail is null ? null : TemplateFiller.FillMarkdown(template.Detail, values),
        template.Indicator.For(grade),
        template.Source with { Label = TemplateFiller.FillText(template.Source.Label, values) },
        [.. template.Suggestions.Select(s => new FilledSuggestion(
            ids.NewId(),
            TemplateFiller.FillText(s.Label, values),
            s.IsRecommended,
            [.. s.Actions.Select(a => new FilledAction(
                a.Type,
                TemplateFiller.FillText(a.Description, values),
                a.Resource is null ? null : TemplateFiller.FillResource(a.Resource, values),
                a.ResourceId is null ? null : TemplateFiller.FillText(a.ResourceId, values)))]))],
        template.SelectionBehavior,
        template.Links,
        template.OverrideReasons);
}
