using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>One thing wrong with a request, as it becomes an OperationOutcome issue.</summary>
/// <param name="Code">The FHIR issue type, for example <c>required</c> or <c>structure</c>.</param>
/// <param name="Diagnostics">What is wrong, for a developer. Never echoes request values.</param>
/// <param name="Expression">The request field, for example <c>context.patientId</c>; null for the body as a whole.</param>
public sealed record ProtocolIssue(OperationOutcome.IssueType Code, string Diagnostics, string? Expression = null);
