using System.Security.Cryptography;
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
/// <remarks>
/// The random bytes come from the operating system's secure generator, as <see cref="Guid.NewGuid"/>'s do, but 256 ids at
/// a time: <c>NewGuid</c> makes a system call per id, eight per patient-view answer.
/// </remarks>
public sealed class RandomIdGenerator : IIdGenerator
{
    private const int UuidBytes = 16;
    private const int BatchBytes = 256 * UuidBytes;

    private readonly Lock _gate = new();
    private readonly byte[] _random = new byte[BatchBytes];

    // Starts exhausted: the first id fills the buffer.
    private int _next = BatchBytes;

    public string NewId()
    {
        Span<byte> uuid = stackalloc byte[UuidBytes];
        lock (_gate)
        {
            if (_next == BatchBytes)
            {
                RandomNumberGenerator.Fill(_random);
                _next = 0;
            }

            var bytes = _random.AsSpan(_next, UuidBytes);
            bytes.CopyTo(uuid);
            // Bytes handed out are not kept.
            bytes.Clear();
            _next += UuidBytes;
        }

        // RFC 9562 version 4 and variant bits, in Guid's little-endian field layout.
        uuid[7] = (byte)((uuid[7] & 0x0F) | 0x40);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid).ToString();
    }
}

public static class CardFilling
{
    /// <summary>
    /// Fills every text, markdown and resource template of a card. An action whose resource placeholder is empty is
    /// left out, and so is a suggestion left without actions or meant for the other age group.
    /// </summary>
    /// <param name="template">The card.</param>
    /// <param name="values">The placeholder values.</param>
    /// <param name="grade">The grade, for indicators by grade.</param>
    /// <param name="ids">Card and suggestion ids.</param>
    /// <param name="pediatric">Whether the patient is a child, for suggestions offered to one age group only.</param>
    public static FilledCard Fill(this CardTemplate template, IReadOnlyDictionary<string, PlaceholderValue> values, int? grade, IIdGenerator ids, bool pediatric = false)
    {
        var cardId = ids.NewId();
        var suggestions = new List<FilledSuggestion>();
        foreach (var s in template.Suggestions.Where(s => s.Pediatric is null || s.Pediatric == pediatric))
        {
            var actions = s.Actions
                .Select(a => (Action: a, Resource: a.Resource is null ? null : TemplateFiller.FillResource(a.Resource, values)))
                .Where(a => a.Action.Resource is null || a.Resource is not null)
                .Select(a => new FilledAction(
                    a.Action.Type,
                    TemplateFiller.FillText(a.Action.Description, values),
                    a.Resource,
                    a.Action.ResourceId is null ? null : TemplateFiller.FillText(a.Action.ResourceId, values)))
                .ToList();
            if (actions.Count > 0)
            {
                suggestions.Add(new FilledSuggestion(ids.NewId(), TemplateFiller.FillText(s.Label, values), s.IsRecommended, actions));
            }
        }

        return new FilledCard(
            template.Id,
            cardId,
            TemplateFiller.FillText(template.Summary, values),
            template.Detail is null ? null : TemplateFiller.FillMarkdown(template.Detail, values),
            template.Indicator.For(grade),
            template.Source is { } source
                ? source with { Label = TemplateFiller.FillText(source.Label, values) }
                : throw new InvalidOperationException($"'{template.Id}' is a management section, not a card: its card includes it."),
            suggestions,
            template.SelectionBehavior,
            template.Links,
            template.OverrideReasons);
    }
}
