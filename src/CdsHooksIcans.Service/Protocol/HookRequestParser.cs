using System.Text.Json;
using CdsHooksIcans.Service.Hooks;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// Validates a CDS Hooks 2.0 request body into a <see cref="HookRequest"/>. Unknown fields are ignored. The request's
/// context and prefetch are views of the body, valid as long as its document is.
/// </summary>
public static class HookRequestParser
{
    // hookInstance goes into every log line of the call: bound it so a hostile value cannot flood or forge log entries.
    private const int MaxHookInstanceLength = 128;

    /// <exception cref="CdsRequestException">400 naming every invalid field.</exception>
    public static HookRequest Parse(CdsServiceDefinition service, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, "The body must be a JSON object.");
        }

        // The envelope is what this service reads as the request; resources under prefetch and draftOrders are read by the
        // FHIR reader, and the resource screen keeps any resource whose screened properties repeat.
        JsonRequestBody.RejectRepeatedNames(body);
        foreach (var name in (ReadOnlySpan<string>)["context", "fhirAuthorization", "prefetch"])
        {
            if (body.TryGetProperty(name, out var part))
            {
                JsonRequestBody.RejectRepeatedNames(part);
            }
        }

        // The orders being signed are few and read by this service's own code as well as the FHIR reader.
        if (body.TryGetProperty("context", out var signing) && signing.ValueKind == JsonValueKind.Object
            && signing.TryGetProperty("draftOrders", out var drafts))
        {
            JsonRequestBody.RejectRepeatedNames(drafts, nested: true);
        }

        var issues = new RequestIssues();

        var hook = issues.RequiredString(body, "", "hook");
        if (hook is not null && !string.Equals(hook, service.Hook, StringComparison.Ordinal))
        {
            issues.Add(OperationOutcome.IssueType.NotSupported, "hook", $"This service answers the '{service.Hook}' hook only.");
        }

        var hookInstance = issues.RequiredString(body, "", "hookInstance");
        if (hookInstance is not null && (hookInstance.Length > MaxHookInstanceLength || hookInstance.Any(char.IsControl)))
        {
            issues.Add(OperationOutcome.IssueType.Invalid, "hookInstance", $"hookInstance must be at most {MaxHookInstanceLength} characters without control characters (a UUID).");
        }

        var fhirServer = ParseFhirServer(body, issues);
        var fhirServerGiven = body.TryGetProperty("fhirServer", out var server) && server.ValueKind != JsonValueKind.Null;
        var fhirAuthorization = ParseFhirAuthorization(body, fhirServerGiven, issues);

        string? patientId = null, userId = null, encounterId = null;
        var context = issues.RequiredObject(body, "", "context");
        if (context is { } ctx)
        {
            patientId = issues.RequiredString(ctx, "context", "patientId");
            userId = issues.RequiredString(ctx, "context", "userId");
            encounterId = issues.OptionalString(ctx, "context", "encounterId");
            CheckHookContext(service.Hook, ctx, issues);
        }

        var prefetch = ParsePrefetch(body, issues);

        issues.ThrowIfAny();
        return new HookRequest(
            service.Id, hook!, hookInstance!, fhirServer, fhirAuthorization, patientId!, userId!, encounterId,
            context!.Value, prefetch);
    }

    private static Uri? ParseFhirServer(JsonElement body, RequestIssues issues)
    {
        var text = issues.OptionalString(body, "", "fhirServer");
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        issues.Add(OperationOutcome.IssueType.Invalid, "fhirServer", "fhirServer must be an absolute http or https URL.");
        return null;
    }

    private static FhirAuthorization? ParseFhirAuthorization(JsonElement body, bool fhirServerGiven, RequestIssues issues)
    {
        if (issues.OptionalObject(body, "", "fhirAuthorization") is not { } auth)
        {
            return null;
        }

        const string Path = "fhirAuthorization";
        if (!fhirServerGiven)
        {
            issues.Add(OperationOutcome.IssueType.Required, "fhirServer", "fhirServer is required when fhirAuthorization is present.");
        }

        var accessToken = issues.RequiredString(auth, Path, "access_token");
        var tokenType = issues.RequiredString(auth, Path, "token_type");
        if (tokenType is not null && !tokenType.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(OperationOutcome.IssueType.NotSupported, "fhirAuthorization.token_type", "fhirAuthorization.token_type must be Bearer.");
        }

        int? expiresIn = null;
        if (!auth.TryGetProperty("expires_in", out var expires) || expires.ValueKind == JsonValueKind.Null)
        {
            issues.Add(OperationOutcome.IssueType.Required, "fhirAuthorization.expires_in", "fhirAuthorization.expires_in is required.");
        }
        else if (expires.ValueKind == JsonValueKind.Number && expires.TryGetInt32(out var seconds) && seconds >= 0)
        {
            expiresIn = seconds;
        }
        else
        {
            issues.Add(OperationOutcome.IssueType.Structure, "fhirAuthorization.expires_in", "fhirAuthorization.expires_in must be a non-negative integer (seconds).");
        }

        var scope = issues.RequiredString(auth, Path, "scope");
        var subject = issues.RequiredString(auth, Path, "subject");
        var patient = issues.OptionalString(auth, Path, "patient");

        return accessToken is null || tokenType is null || expiresIn is null || scope is null || subject is null
            ? null
            : new FhirAuthorization(accessToken, tokenType, expiresIn.Value, scope, subject, patient);
    }

    // Context fields each hook requires beyond patientId/userId (CDS Hooks hook definitions).
    private static void CheckHookContext(string hook, JsonElement context, RequestIssues issues)
    {
        if (hook != "order-sign")
        {
            return;
        }

        // The sandbox sends draftOrders without Bundle.type, so only resourceType is checked.
        if (issues.RequiredObject(context, "context", "draftOrders") is { } draftOrders
            && !(draftOrders.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("Bundle")))
        {
            issues.Add(OperationOutcome.IssueType.Invalid, "context.draftOrders", "context.draftOrders must be a FHIR Bundle (resourceType \"Bundle\").");
        }
    }

    private static Dictionary<string, JsonElement> ParsePrefetch(JsonElement body, RequestIssues issues)
    {
        var prefetch = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (issues.OptionalObject(body, "", "prefetch") is { } given)
        {
            // Views of the body, not copies (the body is disposed after the call); a JSON null stays JsonValueKind.Null ("no data").
            foreach (var entry in given.EnumerateObject())
            {
                prefetch[entry.Name] = entry.Value;
            }
        }

        return prefetch;
    }
}
