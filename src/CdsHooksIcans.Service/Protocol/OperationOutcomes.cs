using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Hl7.Fhir.Serialization;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>Every non-2xx body the service writes is a FHIR OperationOutcome (CDS Hooks 3.0 asks for it; 2.0 allows it).</summary>
public static class OperationOutcomes
{
    public const string ContentType = "application/fhir+json";

    private static readonly FhirJsonSerializer Serializer = new();

    public static OperationOutcome From(IEnumerable<ProtocolIssue> issues) => new()
    {
        Issue = [.. issues.Select(ToIssue)],
    };

    private static OperationOutcome.IssueComponent ToIssue(ProtocolIssue issue)
    {
        var component = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = issue.Code,
            Diagnostics = issue.Diagnostics,
        };
        if (issue.Expression is not null)
        {
            component.Expression = [issue.Expression];
        }

        return component;
    }

    public static async Task WriteAsync(HttpResponse response, int statusCode, OperationOutcome outcome, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        await response.WriteAsync(Serializer.SerializeToString(outcome), cancellationToken);
    }
}
