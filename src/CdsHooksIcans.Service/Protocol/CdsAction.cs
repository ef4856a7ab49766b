using System.Text.Json.Nodes;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>A suggested change. <see cref="Resource"/> is the FHIR resource as JSON, filled for this answer only.</summary>
public sealed record CdsAction(string Type, string Description)
{
    public JsonNode? Resource { get; init; }
    public string? ResourceId { get; init; }
}
