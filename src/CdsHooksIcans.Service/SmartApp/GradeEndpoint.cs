using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Security;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>
/// <c>POST /app/api/grade</c>: grades the FHIR resources a bedside app sends (a Bundle of the patient, therapy records,
/// observations and conditions it read or is about to save) with the engine and card wording the hooks use. A calculator:
/// it stores nothing, logs no content, calls no server, and answers only with what follows from the body
/// (docs/adr/0028).
/// </summary>
public static class GradeEndpoint
{
    public const string Pattern = "/app/api/grade";

    public static IEndpointRouteBuilder MapAppGrading(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Pattern, GradeAsync).RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        return endpoints;
    }

    private static async Task<IResult> GradeAsync(
        HttpRequest request, IcansContent content, FindingsExtractor extractor, IOptions<GradingOptions> grading,
        IOptions<CdsProtocolOptions> protocol, IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (patientId, resources) = await AppBundle.ReadAsync(request, protocol.Value.MaxRequestBytes, cancellationToken);

        var now = clock.GetUtcNow();
        var extraction = extractor.Begin(patientId);
        extraction.Add(resources);
        var assessment = IcansGrader.Assess(extraction.Finish(), now, grading.Value);
        if (!assessment.ShowGradingCard)
        {
            return Results.Json(new AppGrade(GradingCard.Extension(assessment), null, null, null), CdsJson.Options);
        }

        var card = GradingCard.SelectTemplate(content.Cards, assessment)
            .Fill(GradingCard.Values(assessment, new GradingContext(patientId, now, []), content.Wording), assessment.Grade ?? assessment.LowerBound, ids);
        return Results.Json(new AppGrade(GradingCard.Extension(assessment), card.TemplateId, card.Summary, card.Detail), CdsJson.Options);
    }
}
