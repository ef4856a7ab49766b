using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>One thing wrong with a request, as it becomes an OperationOutcome issue.</summary>
/// <param name="Code">The FHIR issue type, for example <c>required</c> or <c>structure</c>.</param>
/// <param name="Diagnostics">What is wrong, for a developer. Never echoes request values.</param>
/// <param name="Expression">The request field, for example <c>context.patientId</c>; null for the body as a whole.</param>
public sealed record ProtocolIssue(OperationOutcome.IssueType Code, string Diagnostics, string? Expression = null);

/// <summary>A request the service refuses with a 4xx status and an OperationOutcome naming each issue.</summary>
public sealed class CdsRequestException(int statusCode, IReadOnlyList<ProtocolIssue> issues)
    : Exception($"The request was refused with status {statusCode}: " + string.Join("; ", issues.Select(i => i.Diagnostics)))
{
    public int StatusCode { get; } = statusCode;

    public IReadOnlyList<ProtocolIssue> Issues { get; } = issues;

    public static CdsRequestException BadRequest(OperationOutcome.IssueType code, string diagnostics, string? expression = null)
        => new(StatusCodes.Status400BadRequest, [new ProtocolIssue(code, diagnostics, expression)]);

    public static CdsRequestException UnknownService()
        => new(StatusCodes.Status404NotFound,
            [new ProtocolIssue(OperationOutcome.IssueType.NotFound, "There is no CDS service with this id; GET /cds-services lists them.")]);
}
