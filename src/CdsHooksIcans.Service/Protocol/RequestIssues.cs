using System.Text.Json;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Protocol;

/// <summary>
/// Collects what is wrong with a JSON request so one 400 names every bad field at once.
/// Paths are JSON paths such as <c>context.patientId</c>; diagnostics never echo the values sent. At most
/// <see cref="MaxIssues"/> are listed: a hostile body must not turn into an answer larger than itself.
/// </summary>
internal sealed class RequestIssues
{
    public const int MaxIssues = 20;

    private readonly List<ProtocolIssue> _issues = [];
    private int _unlisted;

    public void Add(OperationOutcome.IssueType code, string path, string diagnostics)
    {
        if (_issues.Count < MaxIssues)
        {
            _issues.Add(new(code, diagnostics, path));
        }
        else
        {
            _unlisted++;
        }
    }

    public string? RequiredString(JsonElement parent, string parentPath, string name)
    {
        var path = Join(parentPath, name);
        if (!TryGetValue(parent, name, out var value))
        {
            Add(OperationOutcome.IssueType.Required, path, $"{path} is required.");
            return null;
        }

        return NonEmptyString(value, path);
    }

    /// <summary>An optional string; absent or <c>null</c> both mean "not given".</summary>
    public string? OptionalString(JsonElement parent, string parentPath, string name)
        => TryGetValue(parent, name, out var value) ? NonEmptyString(value, Join(parentPath, name)) : null;

    public JsonElement? RequiredObject(JsonElement parent, string parentPath, string name)
    {
        var path = Join(parentPath, name);
        if (!TryGetValue(parent, name, out var value))
        {
            Add(OperationOutcome.IssueType.Required, path, $"{path} is required.");
            return null;
        }

        return Object(value, path);
    }

    public JsonElement? OptionalObject(JsonElement parent, string parentPath, string name)
        => TryGetValue(parent, name, out var value) ? Object(value, Join(parentPath, name)) : null;

    /// <summary>A required array with at least one element (the wire format forbids empty arrays).</summary>
    public JsonElement? RequiredArray(JsonElement parent, string parentPath, string name)
    {
        var path = Join(parentPath, name);
        if (!TryGetValue(parent, name, out var value))
        {
            Add(OperationOutcome.IssueType.Required, path, $"{path} is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Add(OperationOutcome.IssueType.Structure, path, $"{path} must be an array.");
            return null;
        }

        if (value.GetArrayLength() == 0)
        {
            Add(OperationOutcome.IssueType.Required, path, $"{path} must not be empty.");
            return null;
        }

        return value;
    }

    public JsonElement? Object(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        Add(OperationOutcome.IssueType.Structure, path, $"{path} must be a JSON object.");
        return null;
    }

    public void ThrowIfAny(int statusCode = StatusCodes.Status400BadRequest)
    {
        if (_issues.Count > 0)
        {
            throw new CdsRequestException(statusCode, _unlisted == 0 ? _issues
                : [.. _issues, new ProtocolIssue(_issues[^1].Code, $"{_unlisted} more issue(s) of this request are not listed.")]);
        }
    }

    public static string Join(string parentPath, string name) => parentPath.Length == 0 ? name : $"{parentPath}.{name}";

    private string? NonEmptyString(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(OperationOutcome.IssueType.Structure, path, $"{path} must be a string.");
            return null;
        }

        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(OperationOutcome.IssueType.Required, path, $"{path} must not be empty.");
            return null;
        }

        return text;
    }

    // JSON null is treated as absent: the wire format says to omit, some clients send null anyway.
    private static bool TryGetValue(JsonElement parent, string name, out JsonElement value)
        => parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
