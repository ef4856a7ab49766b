using CdsHooksIcans.Clinical.Cards;
using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Reading;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Security;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

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
        List<Resource> resources;
        using (var body = await JsonRequestBody.ReadAsync(request, protocol.Value.MaxRequestBytes, cancellationToken))
        {
            resources = FhirJson.TryParse(body.RootElement) is Bundle bundle
                ? [.. FhirJson.Entries(bundle)]
                : throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Structure, "The body must be a FHIR Bundle of the patient's resources.");
        }

        var patientId = resources.OfType<Patient>().Select(p => p.Id).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id))
            ?? throw CdsRequestException.BadRequest(OperationOutcome.IssueType.Required, "The Bundle must hold the Patient, with its id.", "entry");

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
