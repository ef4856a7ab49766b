using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CdsHooksIcans.Service.Protocol;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// Validates <c>{"feedback": [...]}</c> as CDS Hooks 2.0 defines it and as the sandbox sends it
/// (no <c>display</c> on the reason, millisecond timestamps). Issues name the item, e.g. <c>feedback[1].outcome</c>.
/// </summary>
public static partial class FeedbackParser
{
    public const string Accepted = "accepted";
    public const string Overridden = "overridden";

    /// <exception cref="CdsRequestException">400 naming every invalid field (the first <see cref="RequestIssues.MaxIssues"/>).</exception>
    public static IReadOnlyList<FeedbackItem> Parse(string serviceId, JsonElement body, int maxItems)
    {
        // Feedback bodies are small and read whole: no object in them may repeat a name.
        JsonRequestBody.RejectRepeatedNames(body, nested: true);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, "The body must be a JSON object.");
        }

        var issues = new RequestIssues();
        var items = new List<FeedbackItem>();
        if (issues.RequiredArray(body, "", "feedback") is { } feedback)
        {
            // A client sends one item per card it showed; thousands in one body are not feedback.
            if (feedback.GetArrayLength() > maxItems)
            {
                throw CdsRequestException.BadRequest(OperationOutcome.IssueType.TooCostly,
                    $"feedback has {feedback.GetArrayLength()} items; at most {maxItems} are taken per request.", "feedback");
            }

            var index = 0;
            foreach (var element in feedback.EnumerateArray())
            {
                if (ParseItem(serviceId, element, $"feedback[{index}]", issues) is { } item)
                {
                    items.Add(item);
                }

                index++;
            }
        }

        issues.ThrowIfAny();
        return items;
    }

    private static FeedbackItem? ParseItem(string serviceId, JsonElement element, string path, RequestIssues issues)
    {
        if (issues.Object(element, path) is not { } item)
        {
            return null;
        }

        var card = issues.RequiredString(item, path, "card");

        var outcome = issues.RequiredString(item, path, "outcome");
        if (outcome is not null and not Accepted and not Overridden)
        {
            issues.Add(OperationOutcome.IssueType.Invalid, $"{path}.outcome", $"{path}.outcome must be '{Accepted}' or '{Overridden}'.");
            outcome = null;
        }

        var acceptedSuggestions = ParseAcceptedSuggestions(item, path, required: outcome == Accepted, issues);
        var (reason, userComment) = ParseOverrideReason(item, path, issues);
        var outcomeTimestamp = ParseTimestamp(item, path, issues);

        return card is null || outcome is null || acceptedSuggestions is null || outcomeTimestamp is null
            ? null
            : new FeedbackItem(serviceId, card, outcome, acceptedSuggestions, reason, userComment, outcomeTimestamp.Value);
    }

    private static List<string>? ParseAcceptedSuggestions(JsonElement item, string path, bool required, RequestIssues issues)
    {
        if (!required && !IsGiven(item, "acceptedSuggestions"))
        {
            return [];
        }

        if (issues.RequiredArray(item, path, "acceptedSuggestions") is not { } suggestions)
        {
            return null;
        }

        var ids = new List<string>();
        var index = 0;
        foreach (var suggestion in suggestions.EnumerateArray())
        {
            var suggestionPath = $"{path}.acceptedSuggestions[{index++}]";
            if (issues.Object(suggestion, suggestionPath) is { } entry && issues.RequiredString(entry, suggestionPath, "id") is { } id)
            {
                ids.Add(id);
            }
        }

        return ids.Count == suggestions.GetArrayLength() ? ids : null;
    }

    private static (CdsCoding? Reason, string? UserComment) ParseOverrideReason(JsonElement item, string path, RequestIssues issues)
    {
        var reasonPath = $"{path}.overrideReason";
        if (issues.OptionalObject(item, path, "overrideReason") is not { } overrideReason)
        {
            return (null, null);
        }

        CdsCoding? reason = null;
        if (issues.OptionalObject(overrideReason, reasonPath, "reason") is { } coding)
        {
            var codingPath = $"{reasonPath}.reason";
            var code = issues.RequiredString(coding, codingPath, "code");
            var system = issues.RequiredString(coding, codingPath, "system");
            var display = issues.OptionalString(coding, codingPath, "display");
            reason = code is null || system is null ? null : new CdsCoding(system, code) { Display = display };
        }

        var userComment = issues.OptionalString(overrideReason, reasonPath, "userComment");
        if (!IsGiven(overrideReason, "reason") && !IsGiven(overrideReason, "userComment"))
        {
            issues.Add(OperationOutcome.IssueType.Required, reasonPath, $"{reasonPath} needs a reason or a userComment.");
        }

        return (reason, userComment);
    }

    private static DateTimeOffset? ParseTimestamp(JsonElement item, string path, RequestIssues issues)
    {
        if (issues.RequiredString(item, path, "outcomeTimestamp") is not { } text)
        {
            return null;
        }

        if (Rfc3339DateTime().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return timestamp;
        }

        issues.Add(OperationOutcome.IssueType.Invalid, $"{path}.outcomeTimestamp",
            $"{path}.outcomeTimestamp must be an RFC 3339 date-time such as 2020-05-13T20:08:46.365Z.");
        return null;
    }

    private static bool IsGiven(JsonElement parent, string name)
        => parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    // RFC 3339 §5.6 date-time; fractions up to the 7 digits DateTimeOffset holds.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Rfc3339DateTime();
}
