using CdsHooksIcans.Clinical.Extraction;
using CdsHooksIcans.Clinical.Orders;
using CdsHooksIcans.Grading;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Security;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.SmartApp;

/// <summary>
/// <c>POST /app/api/course</c>: the bedside app's chart of the ICANS course, graded at every assessment time by the engine
/// the hooks use, with the recorded grades, CRS grades and the corticosteroids and tocilizumab given. Takes the Bundle
/// <see cref="GradeEndpoint"/> takes and is the same kind of calculator: it stores nothing, logs no content, calls no
/// server (docs/adr/0028).
/// </summary>
public static class CourseEndpoint
{
    public const string Pattern = "/app/api/course";

    public static IEndpointRouteBuilder MapAppCourse(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Pattern, CourseAsync).RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        return endpoints;
    }

    private static async Task<IResult> CourseAsync(
        HttpRequest request, IcansContent content, FindingsExtractor extractor, IOptions<GradingOptions> grading,
        IOptions<CdsProtocolOptions> protocol, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (patientId, resources) = await AppBundle.ReadAsync(request, protocol.Value.MaxRequestBytes, cancellationToken);

        var now = clock.GetUtcNow();
        var findings = extractor.Extract(patientId, resources);
        var course = IcansCourseGrader.Assess(findings, now, grading.Value);
        var current = IcansGrader.Assess(findings, now, grading.Value);
        var given = AdministeredDrugs.Read(resources, content.Orders.Drugs, patientId);
        return Results.Json(AppCourse.From(course, current, findings, given), CdsJson.Options);
    }
}
