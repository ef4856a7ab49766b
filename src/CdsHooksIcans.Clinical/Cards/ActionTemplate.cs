using System.Text.Json.Nodes;

namespace CdsHooksIcans.Clinical.Cards;

/// <summary>
/// A suggested action. <see cref="Resource"/> is a FHIR resource template whose strings may hold placeholders, or a
/// string that is a single JSON placeholder for a resource the service builds (a corrected draft order).
/// </summary>
public sealed record ActionTemplate(string Type, string Description, JsonNode? Resource, string? ResourceId);
