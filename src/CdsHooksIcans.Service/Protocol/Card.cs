using System.Text.Json.Serialization;

namespace CdsHooksIcans.Service.Protocol;

public sealed record Card(string Summary, string Indicator, CardSource Source)
{
    public string? Uuid { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyList<Suggestion>? Suggestions { get; init; }
    public string? SelectionBehavior { get; init; }
    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }
    public IReadOnlyList<CardLink>? Links { get; init; }

    /// <summary>CDS Hooks extension object: keys are reverse-domain names such as <c>org.cdshooks-icans.grading</c>.</summary>
    public IReadOnlyDictionary<string, object>? Extension { get; init; }

    /// <summary>What the card was made from, for the issued-card record that feedback is checked against; not on the wire.</summary>
    [JsonIgnore]
    public CardOrigin? Origin { get; init; }
}
