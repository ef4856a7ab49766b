using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Cards;

public sealed record FilledAction(string Type, string Description, JsonObject? Resource, string? ResourceId);
