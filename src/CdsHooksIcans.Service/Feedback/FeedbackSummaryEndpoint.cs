using System.Globalization;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Security;
using Microsoft.Extensions.Options;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace CdsHooksIcans.Service.Feedback;

/// <summary>
/// <c>GET /cds-services/{id}/feedback/summary?from=…&amp;to=…</c> for operators (not CDS clients): accept and override rates
/// per card and grade over a period, 7 days up to now by default, at most 366 days. No patient data is stored, so none is shown.
/// </summary>
public static class FeedbackSummaryEndpoint
{
    public const string Pattern = "/cds-services/{id}/feedback/summary";
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapFeedbackSummary(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, SummarizeAsync)
            .RequireAuthorization(OperatorKeyAuthenticationHandler.Policy)
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        return endpoints;
    }

    private static async Task<IResult> SummarizeAsync(
        string id, string? from, string? to, ServiceCatalog catalog, IFeedbackStore store, IOptions<FeedbackOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is null)
        {
            throw CdsRequestException.UnknownService();
        }

        var now = time.GetUtcNow();
        var end = Instant(to, "to") ?? now;
        var start = Instant(from, "from") ?? end - DefaultPeriod;
        if (start >= end || end - start > MaxPeriod)
        {
            throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Invalid, "from must be before to, at most 366 days apart.", "from");
        }

        var rows = await store.SummarizeAsync(id, start, end, cancellationToken);
        return Results.Json(FeedbackSummary.Of(id, start, end, now - options.Value.IssuedCardRetention, rows), CdsJson.Options);
    }

    private static DateTimeOffset? Instant(string? text, string name)
        => text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
            : throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Invalid, $"{name} must be a date-time such as 2026-12-01T00:00:00Z.", name);
}
