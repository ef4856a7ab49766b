using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CdsHooksIcans.Service.Protocol;

namespace CdsHooksIcans.Service.Gathering;

/// <summary>
/// Expands a CDS Hooks 2.0 prefetch template into the relative FHIR URL the client would have run: first-level primitive
/// <c>{{context.*}}</c> fields and the user tokens derived from <c>context.userId</c>. Values are URL-encoded.
/// </summary>
internal static partial class PrefetchTemplate
{
    private static readonly Dictionary<string, string> UserTokenTypes = new(StringComparer.Ordinal)
    {
        ["userPractitionerId"] = "Practitioner",
        ["userPractitionerRoleId"] = "PractitionerRole",
        ["userPatientId"] = "Patient",
        ["userRelatedPersonId"] = "RelatedPerson",
    };

    /// <summary>The expanded URL, or the first token this request cannot fill.</summary>
    public readonly record struct Expansion(string? RelativeUrl, string? UnresolvedToken);

    public static Expansion Expand(string template, HookRequest request)
    {
        string? unresolved = null;
        var url = TokenPattern().Replace(template, match =>
        {
            var value = Resolve(match.Groups["token"].Value, request);
            if (value is null)
            {
                unresolved ??= match.Value;
                return match.Value;
            }

            // Encoded, so an id cannot add path segments or query parameters.
            return Uri.EscapeDataString(value);
        });
        return unresolved is null ? new Expansion(url, null) : new Expansion(null, unresolved);
    }

    private static string? Resolve(string token, HookRequest request)
    {
        if (UserTokenTypes.TryGetValue(token, out var userType))
        {
            return UserIdOfType(request.UserId, userType);
        }

        const string contextPrefix = "context.";
        if (!token.StartsWith(contextPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var field = token[contextPrefix.Length..];
        // 2.0 allows first-level fields only: {{context.medication.id}} is not a token.
        if (field.Length == 0 || field.Contains('.', StringComparison.Ordinal)
            || request.Context.ValueKind != JsonValueKind.Object
            || !request.Context.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => NullIfEmpty(value.GetString()),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetBoolean().ToString(CultureInfo.InvariantCulture).ToLowerInvariant(),
            _ => null,
        };
    }

    /// <summary>The id in <c>Practitioner/123</c> (or an absolute URL ending so) when the type matches.</summary>
    private static string? UserIdOfType(string userId, string resourceType)
    {
        var segments = userId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[^2] == resourceType ? NullIfEmpty(segments[^1]) : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex(@"\{\{\s*(?<token>[^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
