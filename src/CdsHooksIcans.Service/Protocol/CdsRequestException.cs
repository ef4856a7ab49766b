using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Protocol;

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
